import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI: `npx typeorm -d libs/database/src/data-source.ts` (under @swc-node/register). */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
