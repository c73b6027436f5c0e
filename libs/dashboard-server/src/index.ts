export * from './api-types';
export * from './access';
export * from './dashboard-data';
export * from './dashboard-handler';
export * from './static-assets';
export * from './aws-dashboard-data';
