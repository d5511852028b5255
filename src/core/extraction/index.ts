export * from './validators';
export * from './refang';
export * from './scan';
