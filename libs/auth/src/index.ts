export * from './auth.types';
export * from './auth.decorators';
