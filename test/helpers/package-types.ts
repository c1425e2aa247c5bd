/**
 * Declarations of the packages the fix fixtures import, in our own words and only as far as the
 * fixes speak to them. Without them a fixture's `Repository<User>` is `any`, and the type-check
 * bar could neither catch a fix that misuses it nor tell a real error from `any` spreading. What
 * matters is the types fixes produce: `findBy` gives `T[]`, `ConfigService.get` may be `undefined`.
 */
export const FIXTURE_PACKAGES: ReadonlyMap<string, string> = new Map([
  [
    '@nestjs/common',
    `type AnyDecorator = (...args: any[]) => any;
export declare const Injectable: (...args: any[]) => ClassDecorator;
export declare const Module: (metadata: object) => ClassDecorator;
export declare const Controller: (prefix?: string | object) => ClassDecorator;
export declare const Get: (path?: string | string[]) => MethodDecorator;
export declare const Post: (path?: string | string[]) => MethodDecorator;
export declare const Put: (path?: string | string[]) => MethodDecorator;
export declare const Patch: (path?: string | string[]) => MethodDecorator;
export declare const Delete: (path?: string | string[]) => MethodDecorator;
export declare const All: (path?: string | string[]) => MethodDecorator;
export declare const HttpCode: (status: number) => MethodDecorator;
export declare const Version: (version: string | string[]) => AnyDecorator;
export declare const UseGuards: (...guards: any[]) => AnyDecorator;
export declare const UsePipes: (...pipes: any[]) => AnyDecorator;
export declare const Body: (...args: any[]) => ParameterDecorator;
export declare const Param: (...args: any[]) => ParameterDecorator;
export declare const Query: (...args: any[]) => ParameterDecorator;
export declare const Headers: (...args: any[]) => ParameterDecorator;
export declare const Req: () => ParameterDecorator;
export declare const Res: (options?: object) => ParameterDecorator;
export declare const Inject: (token?: unknown) => AnyDecorator;
export declare const Optional: () => AnyDecorator;
export declare const Logger: { new (context?: string): LoggerInstance } & LoggerInstance;
interface LoggerInstance { log(message: unknown, ...rest: unknown[]): void; error(message: unknown, ...rest: unknown[]): void; warn(message: unknown, ...rest: unknown[]): void; debug(message: unknown, ...rest: unknown[]): void; }
export type Logger = LoggerInstance;
export declare class HttpException extends Error { constructor(response: string | object, status: number); getStatus(): number; }
export declare class BadRequestException extends HttpException { constructor(message?: string | object); }
export declare class NotFoundException extends HttpException { constructor(message?: string | object); }
export declare class UnauthorizedException extends HttpException { constructor(message?: string | object); }
export declare class ForbiddenException extends HttpException { constructor(message?: string | object); }
export declare class ConflictException extends HttpException { constructor(message?: string | object); }
export declare class InternalServerErrorException extends HttpException { constructor(message?: string | object); }
export declare class ValidationPipe { constructor(options?: object); }
export declare class ParseIntPipe { constructor(options?: object); }
export declare class ParseUUIDPipe { constructor(options?: object); }
export declare enum HttpStatus { OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204, BAD_REQUEST = 400, UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404, CONFLICT = 409, INTERNAL_SERVER_ERROR = 500 }
export declare enum VersioningType { URI = 0, HEADER = 1, MEDIA_TYPE = 2, CUSTOM = 3 }
export interface INestApplication { enableVersioning(options?: object): this; useGlobalPipes(...pipes: unknown[]): this; setGlobalPrefix(prefix: string): this; listen(port: number | string): Promise<unknown>; }
`,
  ],
  ['@nestjs/core', `import type { INestApplication } from '@nestjs/common';\nexport declare const NestFactory: { create(module: unknown, options?: object): Promise<INestApplication> };\n`],
  [
    '@nestjs/config',
    `export declare class ConfigService { get<T = any>(key: string): T | undefined; get<T = any>(key: string, defaultValue: T): T; getOrThrow<T = any>(key: string): T; }
export declare const ConfigModule: { forRoot(options?: object): unknown };
`,
  ],
  [
    '@nestjs/typeorm',
    `export declare const InjectRepository: (entity: unknown) => ParameterDecorator;\nexport declare const TypeOrmModule: { forFeature(entities: unknown[]): unknown; forRoot(options?: object): unknown };\n`,
  ],
  [
    'typeorm',
    `export type FindOptionsWhere<T> = { [K in keyof T]?: T[K] | FindOperator<T[K]> };
export declare class FindOperator<T> { private readonly value: T; }
export declare function In<T>(values: readonly T[]): FindOperator<T>;
export interface FindManyOptions<T> { where?: FindOptionsWhere<T> | FindOptionsWhere<T>[]; relations?: unknown; order?: unknown; take?: number; skip?: number; select?: unknown; }
export interface FindOneOptions<T> extends FindManyOptions<T> {}
export declare class Repository<T> {
  find(options?: FindManyOptions<T>): Promise<T[]>;
  findBy(where: FindOptionsWhere<T> | FindOptionsWhere<T>[]): Promise<T[]>;
  findOne(options: FindOneOptions<T>): Promise<T | null>;
  findOneBy(where: FindOptionsWhere<T> | FindOptionsWhere<T>[]): Promise<T | null>;
  count(options?: FindManyOptions<T>): Promise<number>;
  save<E extends DeepPartial<T>>(entity: E): Promise<E & T>;
  create(entity?: DeepPartial<T>): T;
  update(criteria: unknown, partial: Partial<T>): Promise<unknown>;
  delete(criteria: unknown): Promise<unknown>;
  query(sql: string, parameters?: unknown[]): Promise<any>;
}
export declare class QueryRunner { query(sql: string, parameters?: unknown[]): Promise<any>; }
export declare class DataSource { query(sql: string, parameters?: unknown[]): Promise<any>; getRepository<T>(entity: new () => T): Repository<T>; }
export interface MigrationInterface { up(queryRunner: QueryRunner): Promise<void>; down(queryRunner: QueryRunner): Promise<void>; }
export declare const Entity: (nameOrOptions?: string | { name?: string }) => ClassDecorator;
export declare const Column: (options?: unknown) => PropertyDecorator;
export declare const PrimaryGeneratedColumn: (strategy?: string) => PropertyDecorator;
export declare const CreateDateColumn: (options?: unknown) => PropertyDecorator;
export type DeepPartial<T> = T | { [K in keyof T]?: DeepPartial<T[K]> };
export declare const ManyToOne: (...args: unknown[]) => PropertyDecorator;
export declare const OneToMany: (...args: unknown[]) => PropertyDecorator;
`,
  ],
  [
    '@prisma/client',
    `interface PrismaModel { findMany(args?: any): Promise<any[]>; findUnique(args: any): Promise<any>; findFirst(args?: any): Promise<any>; create(args: any): Promise<any>; update(args: any): Promise<any>; upsert(args: any): Promise<any>; delete(args: any): Promise<any>; count(args?: any): Promise<number>; }
export declare class PrismaClient { [model: string]: PrismaModel; }
`,
  ],
  [
    'pg',
    `export interface QueryResult<R = any> { rows: R[]; rowCount: number | null; }
export declare class Pool { constructor(config?: object); query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>; }
export declare class Client { constructor(config?: object); query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>; connect(): Promise<void>; }
`,
  ],
  [
    'express',
    `export interface Request { body: any; params: Record<string, string>; query: Record<string, any>; headers: Record<string, string | string[] | undefined>; }
export interface Response { status(code: number): Response; json(body?: unknown): Response; send(body?: unknown): Response; sendStatus(code: number): Response; end(): void; }
export type NextFunction = (error?: unknown) => void;
export type RequestHandler = (req: Request, res: Response, next: NextFunction) => unknown;
export interface Router { get(path: string, ...handlers: RequestHandler[]): Router; post(path: string, ...handlers: RequestHandler[]): Router; put(path: string, ...handlers: RequestHandler[]): Router; patch(path: string, ...handlers: RequestHandler[]): Router; delete(path: string, ...handlers: RequestHandler[]): Router; use(...args: unknown[]): Router; }
export interface Application extends Router { listen(port: number | string, callback?: () => void): unknown; }
declare function express(): Application;
declare namespace express { function Router(): Router; function json(): RequestHandler; }
export declare function Router(): Router;
export default express;
`,
  ],
]);
