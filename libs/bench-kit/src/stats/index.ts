export * from './descriptive.ts';
export * from './regression.ts';
export * from './bootstrap.ts';
export * from './outliers.ts';
export * from './random.ts';
