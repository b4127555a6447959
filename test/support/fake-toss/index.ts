export * from './fake-toss-server';
export * from './manual-clock';
