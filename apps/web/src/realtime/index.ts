export * from './events';
export * from './progressMachine';
export * from './socket';
export * from './useBacktestProgress';
