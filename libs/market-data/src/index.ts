export * from './import';
export * from './resample';
