export * from './payment.types';
export * from './payment-gateway';
export * from './payment-gateway.error';
export * from './clock';
export * from './toss-payments.gateway';
export * from './sandbox.gateway';
export * from './payment-gateway.factory';
export * from './payment-gateway.providers';
export { TossSimulator, CONFIRM_PATH, cancelPath } from './simulator/toss-simulator';
export type {
  SimResult,
  IdGenerator,
  TossSimulatorOptions,
  AuthorizeInput,
} from './simulator/toss-simulator';
export * from './simulator/toss-store';
export * from './simulator/in-memory-toss.store';
export * from './simulator/redis-toss.store';
export { formatKst } from './simulator/kst-time';
