export * from './price-table';
export * from './compute-offer';
export * from './hourly-rate';
export * from './run-cost';
export * from './batch-usage';
export * from './queue-offers';
export * from './format-usd';
export * from './run-jobs-cost';
