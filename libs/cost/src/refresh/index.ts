export * from './price-list';
export * from './refresh-prices';
