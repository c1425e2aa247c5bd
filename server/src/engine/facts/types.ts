/**
 * Per-file facts: everything later stages need from one file's syntax, and nothing else.
 *
 * Invariant: facts are a pure function of (file name, text). They never look at another file, the
 * file system, the configuration or the module resolver, so they can be cached by content hash and
 * recomputed for one file at a time.
 */
import type { TextRange } from '../types';

/** A value known without running the code: enough to read decorator and module metadata. */
export type StaticValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** `X`, or `X.member` (`User.name`, `TOKENS.Users`). */
  | { readonly kind: 'identifier'; readonly name: string; readonly member?: string }
  | { readonly kind: 'array'; readonly elements: readonly StaticValue[] }
  | { readonly kind: 'object'; readonly properties: Readonly<Record<string, StaticValue>> }
  | { readonly kind: 'arrow'; readonly returns?: StaticValue }
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly StaticValue[] }
  | { readonly kind: 'other' };

export interface DecoratorFact {
  /** The called name: `Controller` for `@Controller()`, `Column` for `@typeorm.Column()`. */
  readonly name: string;
  readonly args: readonly StaticValue[];
  readonly range: TextRange;
}

export interface ImportBinding {
  /** The name used inside this file. */
  readonly local: string;
  /** The exported name it refers to: a name, `default`, or `*` for the whole module. */
  readonly imported: string;
  /** Declared type-only (`import type`, `import { type X }`). */
  readonly typeOnly: boolean;
}

export type ModuleRefKind = 'import' | 'dynamic-import' | 'require' | 're-export';

export interface ModuleRef {
  readonly kind: ModuleRefKind;
  readonly specifier: string;
  /** The specifier string literal, quotes included. */
  readonly range: TextRange;
  /** `import type ...` / `export type ... from`. */
  readonly typeOnly: boolean;
  /** A `require()` inside a function: loaded when the function first runs, not when the module loads. */
  readonly deferred?: boolean;
  /** `module.exports.admin = require('./admin')` (or through a name bound to the exports object): passed on, not used. */
  readonly exportedAsIs?: boolean;
  /** `import {} from './x'`: braces naming nothing, which TypeScript drops like an import none of whose names are used. */
  readonly namesNothing?: true;
  /** `new (require('./x').X)(db)` built only to be handed to another constructor: wiring, not a use of the module. */
  readonly wiredOnly?: true;
  /**
   * import/require: the names bound in this file. re-export: `local` is the exported name and
   * `imported` the name in the target (`*` with local `*` for `export * from`).
   */
  readonly bindings: readonly ImportBinding[];
}

export interface ParamFact {
  readonly name: string;
  /** The whole parameter, decorators and modifiers included. */
  readonly range: TextRange;
  /** Root identifier of a type reference annotation: `Repository` for `Repository<User>`. */
  readonly typeName?: string;
  /** The name a qualified annotation takes from its namespace: `JsonValue` for `Prisma.JsonValue`. */
  readonly typeMember?: string;
  readonly typeArguments: readonly string[];
  readonly decorators: readonly DecoratorFact[];
  /** A parameter property (`private readonly repo: Repo`): the class keeps it. */
  readonly property?: true;
  /** A parameter property with no `private` or `protected` (`public readonly email: string`): a field others read. */
  readonly exposed?: true;
}

export interface ClassFact {
  readonly name?: string;
  readonly nameRange?: TextRange;
  readonly range: TextRange;
  readonly exported: boolean;
  readonly decorators: readonly DecoratorFact[];
  readonly extends?: { readonly name: string; readonly typeArguments: readonly string[]; readonly range: TextRange };
  /** Root names of the `implements` clause: `CanActivate` for `implements CanActivate`. */
  readonly implements: readonly string[];
  readonly abstract: boolean;
  /** Methods and accessors with a body, and properties holding a function (the constructor excluded): what the class does. */
  readonly methods: number;
  /** Every member is static and there is no constructor: a namespace of functions, no instance. */
  readonly staticOnly?: true;
  /** No constructor and no field it can write, static or not: its instances remember nothing (`class HashUtil { sha256(b) {…} }`). */
  readonly stateless?: true;
  readonly constructorParams: readonly ParamFact[];
  /** A Nest module's providers exported by the dynamic modules its static methods return (`forRoot() { return { module, exports: [X] } }`). */
  readonly dynamicExports?: readonly string[];
}

/** How a file only connects others (see `FileShape.wiring`). */
export type WiringKind = 'barrel' | 'registry' | 'composition';

/** What a file does, as opposed to what it is called: the behaviour classification checks names against. */
export interface FileShape {
  /** Route registrations: `router.get('/x', h)`, `app.use('/api', r)`, `Router()`, `fastify.route({ handler })`. */
  readonly routes: number;
  /** Functions that answer requests or messages: route-decorated methods (HTTP, GraphQL, RPC), `(req, res)` and `(ctx)` functions. */
  readonly handlers: number;
  /** Creates or starts the application: `express()`, `new Koa()`, `fastify()`, `NestFactory.create()`, `app.listen(…)`. */
  readonly createsApp: boolean;
  /** Top-level functions with a body (declarations, or constants bound to function expressions). */
  readonly functions: number;
  /** Only types, interfaces, pure abstract classes and injection tokens: a contract (a port), no behaviour. */
  readonly typesOnly: boolean;
  /**
   * Only connects other files: a barrel (re-exports), a registry (`export const controllers =
   * [A, B]`, `module.exports = { a: require('./a') }`) or a composition (`new` of the app's own
   * classes). Wiring belongs to no layer.
   */
  readonly wiring?: WiringKind;
  /** Calls what reaches outside the process without importing it: `fetch(…)`, `new WebSocket(…)`, `new XMLHttpRequest()`, `navigator.sendBeacon(…)`. */
  readonly reachesOutside: boolean;
  /** Keeps state at its top level: a `let` or `var`, or a constant holding a created object (`const cache = new Map()`). */
  readonly keepsState: boolean;
  /** Declares Drizzle tables at its top level (`export const users = pgTable('users', …)`): the shape of persisted data. */
  readonly definesTables: boolean;
  /** JSX, or imports a UI framework (react, vue, @angular/…): front-end code. */
  readonly ui: boolean;
  /**
   * Runs only on the server inside a full-stack framework's tree: a Next.js route handler
   * (`app/…/route.ts`, `pages/api/…`), a `'use server'` module, or one importing `server-only`.
   */
  readonly serverOnly: boolean;
  /** Uses the browser's DOM (`document.…`, `window.…` several times) and no Node built-in: browser code. */
  readonly dom: boolean;
  /** Copied from elsewhere: a licence or "adapted from" header, with the file's checks turned off or the origin named. */
  readonly vendored: boolean;
  /** The header says a tool generated it (`DO NOT EDIT`, `@generated`). */
  readonly generated: boolean;
  /** `// @flow`: JavaScript with Flow types, whose imports used only as types are erased like TypeScript's. */
  readonly flowTyped: boolean;
}

export interface InstantiationFact {
  /** `X` in `new X(...)`. */
  readonly name: string;
  /** The whole `new X(...)` expression. */
  readonly range: TextRange;
  /** Only created to mount its routes (`app.use(new X().router)`) or to be handed to another constructor (`new S(new R(db))`): wiring, not a call into it. */
  readonly mounted?: boolean;
  /** Written inside a decorator (`@UsePipes(new ZodValidationPipe(schema))`): an aspect of what it decorates. */
  readonly inDecorator?: boolean;
}

export type DeclarationKind = 'value' | 'type';

export interface LocalExport {
  /** The local name it exports (an own declaration or an import binding). */
  readonly local: string;
}

export interface SyntaxError {
  readonly message: string;
  readonly offset: number;
}

export interface FileFacts {
  readonly fileName: string;
  readonly moduleRefs: readonly ModuleRef[];
  readonly classes: readonly ClassFact[];
  readonly instantiations: readonly InstantiationFact[];
  /** Top-level declarations of this file and whether they exist at run time. */
  readonly declarations: ReadonlyMap<string, DeclarationKind>;
  /** Exported name -> local name, for exports without a module specifier (`default` included). */
  readonly localExports: ReadonlyMap<string, LocalExport>;
  /** String values known without running the code: `const X = 'a'` as X, enum and `as const` object members as `E.A`. */
  readonly stringConstants: ReadonlyMap<string, string>;
  /** Sizes of constant lists: `const X = [a, b]`, a `const` object's or an enum's member count. */
  readonly constantListSizes: ReadonlyMap<string, number>;
  /** Import-bound names used where a value is needed (calls, `new`, decorators, `extends`...). */
  readonly valueUsedLocals: ReadonlySet<string>;
  /** Import-bound names the file refers to at all, in values or in types; one it never names is an unused import. */
  readonly referencedLocals: ReadonlySet<string>;
  /** Import-bound names read when the file loads (outside every function body, or in a decorator). */
  readonly loadTimeLocals: ReadonlySet<string>;
  /** Import-bound names whose only value uses are as decorators (`@Cached()`): aspects, not collaborators. */
  readonly decoratorOnlyLocals: ReadonlySet<string>;
  /** Import-bound names whose only value uses are as base classes (`extends Base`, `extends Mixin(X)`). */
  readonly baseClassOnlyLocals: ReadonlySet<string>;
  /** Import-bound names only passed on (`module.exports = { comments }`): re-exported, not used. */
  readonly exportOnlyLocals: ReadonlySet<string>;
  /** Import-bound names only created to mount their routes (`this.use('/', new X(config).router)`). */
  readonly mountOnlyLocals: ReadonlySet<string>;
  /** Import-bound names only named by a function handed to a call (`forwardRef(() => X)`, `@ManyToOne(() => X)`): read after loading. */
  readonly lazyOnlyLocals: ReadonlySet<string>;
  /** Import-bound names only read through members (`Sequelize.literal(…)`), with the members read. */
  readonly memberOnlyLocals: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Import-bound names used only as the type of a decorated member or of a decorated class's
   * constructor parameter: emitted at run time when `emitDecoratorMetadata` is on.
   */
  readonly metadataTypeLocals: ReadonlySet<string>;
  /** Only imports and re-exports: a barrel, transparent for layering. */
  readonly isBarrel: boolean;
  readonly shape: FileShape;
  readonly syntaxErrors: readonly SyntaxError[];
}
