export * from './validators';
export * from './refang';
