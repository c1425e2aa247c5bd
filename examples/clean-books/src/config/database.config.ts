import type { TypeOrmModuleOptions } from '@nestjs/typeorm';

export function databaseConfig(): TypeOrmModuleOptions {
  const production = process.env.NODE_ENV === 'production';

  return {
    type: 'postgres',
    host: process.env.DB_HOST ?? 'localhost',
    port: Number(process.env.DB_PORT ?? 5432),
    username: process.env.DB_USER ?? 'books',
    password: process.env.DB_PASSWORD,
    database: process.env.DB_NAME ?? 'books',
    autoLoadEntities: true,
    // Outside local development the schema only changes through migrations.
    synchronize: !production,
    logging: production ? ['error'] : ['error', 'warn'],
  };
}
