export * from './cells';
export * from './labels';
export * from './model';
export * from './tables';
export * from './csv';
export * from './base64';
export * from './package';
export * from './profile-info';
