// Types and decorators first: other libraries import them while this one may still be loading.
export * from './auth.types';
export * from './auth.decorators';
export * from './users/user.entity';
export * from './users/users.service';
export * from './users/password';
export * from './tokens/refresh-token.entity';
export * from './api-keys/api-key.entity';
export * from './api-keys/api-key-format';
export * from './auth.dto';
export * from './auth.service';
export * from './guards/caller';
export * from './guards/auth.guard';
export * from './guards/user-throttler.guard';
export * from './auth.module';
