export * from './price-table';
export * from './compute-offer';
export * from './hourly-rate';
export * from './run-cost';
