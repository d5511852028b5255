export * from './validators';
export * from './refang';
export * from './scan';
export * from './phone';
export * from './money';
export * from './dates';
export * from './known';
export * from './candidates';
