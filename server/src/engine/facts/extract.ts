import { ts } from '../ts';
import { childNodes } from '../child-nodes';
import { isMemberName } from '../member-names';
import type { TextRange } from '../types';
import { collectDeclarations } from './declarations';
import { countBehaviour, fileShapeOf, hasModifier, isCombiningCall, newBehaviourCounts } from './shape';
import { calleeName, decoratorsOf } from './static-value';
import type { ClassFact, FileFacts, ImportBinding, InstantiationFact, ModuleRef, ParamFact, SyntaxError } from './types';

/**
 * API boundary: the syntax tree of one file (syntax only, no binder, no checker; parent pointers
 * set, file rules walk it). Never throws for bad source: TypeScript's parser recovers, and the
 * errors come back as data in the facts.
 */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  const kind = scriptKindOf(fileName);
  // JSDoc types only mean something in JavaScript (`@param {User} user`); in TypeScript files
  // skipping the JSDoc parse saves ~10% of parsing.
  const jsDocParsingMode = kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX ? ts.JSDocParsingMode.ParseAll : ts.JSDocParsingMode.ParseNone;
  return ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode }, true, kind);
}

export function extractFactsFrom(sourceFile: ts.SourceFile): FileFacts {
  return new FactCollector(sourceFile).collect();
}

export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** `.js`, `.cjs`, `.mjs`, `.jsx`: no type annotations, CommonJS allowed. */
export function isJavaScriptFile(fileName: string): boolean {
  const kind = scriptKindOf(fileName);
  return kind === ts.ScriptKind.JS || kind === ts.ScriptKind.JSX;
}

class FactCollector {
  private readonly moduleRefs: ModuleRef[] = [];
  private readonly classes: ClassFact[] = [];
  private readonly instantiations: InstantiationFact[] = [];
  private readonly importLocals = new Set<string>();
  private readonly valueUsedLocals = new Set<string>();
  private readonly referencedLocals = new Set<string>();
  private readonly loadTimeLocals = new Set<string>();
  /** How each import-bound name is used as a value: only as a decorator, only as a base class, or otherwise. */
  private readonly valueUses = new Map<string, Set<ValueUse>>();
  /** The members read on each import-bound name (`Sequelize.literal`), or null once it is used otherwise. */
  private readonly memberReads = new Map<string, Set<string> | null>();
  private readonly metadataTypeLocals = new Set<string>();
  private readonly behaviour = newBehaviourCounts();
  /** `module.exports`, `exports` and the names bound to them (`const Controllers = module.exports`). */
  private readonly exportsObjects: ReadonlySet<string>;

  constructor(private readonly sourceFile: ts.SourceFile) {
    this.exportsObjects = exportsObjectsOf(sourceFile);
  }

  collect(): FileFacts {
    const sf = this.sourceFile;
    for (const statement of sf.statements) this.collectTopLevelModuleRef(statement);
    for (const statement of sf.statements) this.visit(statement, false);
    const { declarations, localExports, stringConstants, constantListSizes, isBarrel } = collectDeclarations(sf);
    return {
      fileName: sf.fileName,
      moduleRefs: this.moduleRefs,
      classes: this.classes,
      instantiations: this.instantiations,
      declarations,
      localExports,
      stringConstants,
      constantListSizes,
      valueUsedLocals: this.valueUsedLocals,
      referencedLocals: this.referencedLocals,
      loadTimeLocals: this.loadTimeLocals,
      decoratorOnlyLocals: this.localsUsedOnlyAs('decorator'),
      baseClassOnlyLocals: this.localsUsedOnlyAs('base-class'),
      exportOnlyLocals: this.localsUsedOnlyAs('export'),
      mountOnlyLocals: this.localsUsedOnlyAs('mount'),
      lazyOnlyLocals: this.localsUsedOnlyAs('lazy'),
      memberOnlyLocals: this.membersOnly(),
      metadataTypeLocals: this.metadataTypeLocals,
      isBarrel,
      shape: fileShapeOf(sf, isBarrel, this.behaviour),
      syntaxErrors: syntaxErrorsOf(sf),
    };
  }

  private range(node: ts.Node): TextRange {
    return { start: node.getStart(this.sourceFile), end: node.getEnd() };
  }

  private collectTopLevelModuleRef(statement: ts.Statement): void {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = importBindingsOf(statement.importClause);
      for (const b of bindings) this.importLocals.add(b.local);
      this.moduleRefs.push({
        kind: 'import',
        specifier: statement.moduleSpecifier.text,
        range: this.range(statement.moduleSpecifier),
        typeOnly: statement.importClause?.isTypeOnly ?? false,
        bindings,
        ...(namesNothing(statement.importClause) ? { namesNothing: true as const } : {}),
      });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expr = statement.moduleReference.expression;
      if (ts.isStringLiteral(expr)) {
        this.importLocals.add(statement.name.text);
        this.moduleRefs.push({
          kind: 'require',
          specifier: expr.text,
          range: this.range(expr),
          typeOnly: statement.isTypeOnly,
          bindings: [{ local: statement.name.text, imported: '*', typeOnly: statement.isTypeOnly }],
        });
      }
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      this.moduleRefs.push({
        kind: 're-export',
        specifier: statement.moduleSpecifier.text,
        range: this.range(statement.moduleSpecifier),
        typeOnly: statement.isTypeOnly,
        bindings: reExportBindingsOf(statement),
      });
    }
  }

  /** Depth-first in source order, on a stack of our own: a deeply nested expression must not overflow the call stack. */
  private visit(root: ts.Node, rootInType: boolean): void {
    const stack: { node: ts.Node; inType: boolean }[] = [{ node: root, inType: rootInType }];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const childInType = this.visitOne(entry.node, entry.inType);
      if (childInType === undefined) continue;
      const children = childNodes(entry.node);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, inType: childInType });
    }
  }

  /** Records one node's facts; returns whether its children are in a type context, or undefined to skip them. */
  private visitOne(node: ts.Node, inType: boolean): boolean | undefined {
    if (!inType) this.recordValueNode(node);
    countBehaviour(node, this.behaviour);
    if (ts.isIdentifier(node)) {
      this.recordIdentifierUse(node, inType);
      return undefined;
    }
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) this.classes.push(this.classFactOf(node));
    if (isDecoratedMember(node)) this.recordMetadataTypes(node);

    const childInType = inType || startsTypeContext(node);
    if (ts.isHeritageClause(node)) {
      const typeOnly = node.token === ts.SyntaxKind.ImplementsKeyword || ts.isInterfaceDeclaration(node.parent);
      return childInType || typeOnly;
    }
    return childInType;
  }

  /** Value-position nodes that are facts of their own: `new X()`, `require()`, `import()`. */
  private recordValueNode(node: ts.Node): void {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      this.instantiations.push({
        name: node.expression.text,
        range: this.range(node),
        ...(isWiredOnly(node) ? { mounted: true } : {}),
        ...(isInDecorator(node) ? { inDecorator: true } : {}),
      });
    } else if (ts.isCallExpression(node)) {
      this.recordCallModuleRef(node);
    }
  }

  private recordCallModuleRef(call: ts.CallExpression): void {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteralLike(arg)) return;
    if (call.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const bindings = dynamicImportBindingsOf(call);
      for (const b of bindings) this.importLocals.add(b.local);
      this.moduleRefs.push({ kind: 'dynamic-import', specifier: arg.text, range: this.range(arg), typeOnly: false, bindings });
    } else if (ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1) {
      const bindings = requireBindingsOf(call);
      for (const b of bindings) this.importLocals.add(b.local);
      this.moduleRefs.push({
        kind: 'require',
        specifier: arg.text,
        range: this.range(arg),
        typeOnly: false,
        bindings,
        ...(insideFunction(call) ? { deferred: true } : {}),
        ...(isExportedAsIs(call, this.exportsObjects) ? { exportedAsIs: true } : {}),
        ...(isConstructedForWiring(call) ? { wiredOnly: true as const } : {}),
      });
    }
  }

  private recordIdentifierUse(node: ts.Identifier, inType: boolean): void {
    if (!this.importLocals.has(node.text) || isNonReferenceName(node)) return;
    this.referencedLocals.add(node.text);
    if (inType) return;
    this.valueUsedLocals.add(node.text);
    if (runsWhenLoaded(node)) this.loadTimeLocals.add(node.text);
    const uses = this.valueUses.get(node.text) ?? new Set<ValueUse>();
    uses.add(valueUseOf(node));
    this.valueUses.set(node.text, uses);
    this.recordMemberRead(node);
  }

  private recordMemberRead(node: ts.Identifier): void {
    const parent = node.parent;
    const known = this.memberReads.get(node.text);
    if (known === null) return;
    const read = membersReadOn(node, parent);
    this.memberReads.set(node.text, read === undefined ? null : read.reduce((set, member) => set.add(member), known ?? new Set<string>()));
  }

  private membersOnly(): Map<string, ReadonlySet<string>> {
    const only = new Map<string, ReadonlySet<string>>();
    for (const [local, members] of this.memberReads) if (members) only.set(local, members);
    return only;
  }

  private localsUsedOnlyAs(use: ValueUse): Set<string> {
    const locals = new Set<string>();
    for (const [local, uses] of this.valueUses) if (uses.size === 1 && uses.has(use)) locals.add(local);
    return locals;
  }

  private recordMetadataTypes(member: ts.Node): void {
    const annotations: (ts.TypeNode | undefined)[] = [];
    if (ts.isPropertyDeclaration(member) || ts.isParameter(member)) annotations.push(member.type);
    if (ts.isMethodDeclaration(member) || ts.isAccessor(member)) {
      annotations.push(member.type, ...member.parameters.map((p) => p.type));
    }
    for (const annotation of annotations) {
      const root = annotation ? typeReferenceRoot(annotation) : undefined;
      if (root && this.importLocals.has(root)) this.metadataTypeLocals.add(root);
    }
  }

  private classFactOf(node: ts.ClassDeclaration | ts.ClassExpression): ClassFact {
    const sf = this.sourceFile;
    const heritage = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const implemented = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword)?.types ?? [];
    const ctor = node.members.find(ts.isConstructorDeclaration);
    const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
    const baseName = heritage ? expressionRootName(heritage.expression) : undefined;
    const decorators = decoratorsOf(node, sf);
    const dynamicExports = decorators.some((d) => d.name === 'Module') ? dynamicModuleExports(node) : [];
    return {
      ...(node.name ? { name: node.name.text, nameRange: this.range(node.name) } : {}),
      range: this.range(node),
      exported: modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
      decorators,
      ...(heritage && baseName
        ? {
            extends: {
              name: baseName,
              typeArguments: (heritage.typeArguments ?? []).map(typeReferenceRoot).filter(isString),
              range: this.range(heritage),
            },
          }
        : {}),
      implements: implemented.map((t) => expressionRootName(t.expression)).filter(isString),
      abstract: modifiers.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword),
      methods: node.members.filter(runsCode).length,
      ...(isStaticOnly(node) ? { staticOnly: true as const } : {}),
      ...(isStateless(node) ? { stateless: true as const } : {}),
      constructorParams: ctor ? ctor.parameters.map((p) => this.paramFactOf(p)) : [],
      ...(dynamicExports.length > 0 ? { dynamicExports } : {}),
    };
  }

  private paramFactOf(param: ts.ParameterDeclaration): ParamFact {
    const type = param.type && withoutNullish(param.type);
    const typeName = type ? typeReferenceRoot(type) : undefined;
    const typeMember = type ? qualifiedMember(type) : undefined;
    const typeArguments = type && ts.isTypeReferenceNode(type) ? (type.typeArguments ?? []).map(typeReferenceRoot).filter(isString) : [];
    return {
      name: ts.isIdentifier(param.name) ? param.name.text : param.name.getText(this.sourceFile),
      range: this.range(param),
      ...(typeName ? { typeName } : {}),
      ...(typeMember ? { typeMember } : {}),
      typeArguments,
      decorators: decoratorsOf(param, this.sourceFile),
      ...(ts.isParameterPropertyDeclaration(param, param.parent) ? { property: true as const, ...(isPublic(param) ? { exposed: true as const } : {}) } : {}),
    };
  }
}

/**
 * `class PasswordRules { static readonly MIN = 8; static validate(…) {…} }`: static members only,
 * its fields read-only, no constructor: a namespace of functions, remembering nothing.
 */
function isStaticOnly(node: ts.ClassDeclaration | ts.ClassExpression): boolean {
  const members = node.members.filter((m) => !ts.isSemicolonClassElement(m));
  return members.length > 0 && members.every(isStaticAndStateless);
}

/**
 * No constructor, and every field a function or a read-only literal: nothing an instance could
 * remember (`private readonly seen = new Map()` remembers, read-only or not).
 */
function isStateless(node: ts.ClassDeclaration | ts.ClassExpression): boolean {
  const members = node.members.filter((m) => !ts.isSemicolonClassElement(m));
  return members.length > 0 && members.every((member) => !ts.isConstructorDeclaration(member) && !(ts.isPropertyDeclaration(member) && !runsCode(member) && !isConstantField(member)));
}

function isConstantField(member: ts.PropertyDeclaration): boolean {
  const value = member.initializer;
  const literal =
    value !== undefined && (ts.isLiteralExpression(value) || ts.isNoSubstitutionTemplateLiteral(value) || value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword);
  return literal && (ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Readonly) !== 0;
}

function isStaticAndStateless(member: ts.ClassElement): boolean {
  if (ts.isConstructorDeclaration(member)) return false;
  const flags = ts.getCombinedModifierFlags(member as ts.Declaration);
  if ((flags & ts.ModifierFlags.Static) === 0) return false;
  return !ts.isPropertyDeclaration(member) || (flags & ts.ModifierFlags.Readonly) !== 0;
}

/** `public readonly email`, `readonly email`: a parameter property others read, with no `private` or `protected`. */
function isPublic(param: ts.ParameterDeclaration): boolean {
  return !(ts.getCombinedModifierFlags(param) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
}

/**
 * Whether the code holding this node runs when the file loads: outside every function body, or in
 * a decorator (class and member decorators, and their arguments, run when the class is defined).
 */
function runsWhenLoaded(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) {
    if (ts.isDecorator(current)) return true;
    if (ts.isFunctionLike(current)) return false;
  }
  return true;
}

function insideFunction(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) if (ts.isFunctionLike(current)) return true;
  return false;
}

type ValueUse = 'decorator' | 'base-class' | 'export' | 'mount' | 'lazy' | 'other';

/** Members that hand over a controller's routes (`new X(config).router`, `.routes()`). */
const ROUTER_MEMBERS = /^(?:router|routes|getRouter|middleware|allowedMethods)$/;
/** Calls that mount what they are given (`app.use(…)`, `fastify.register(…)`). */
const MOUNTING_CALLS = /^(?:use|register|mount|route)$/;

/**
 * `new X(config, services).router` or `app.use(new X())`: a controller created only so that its
 * routes are mounted under another's path. Router composition is wiring, not one handler calling
 * into another.
 */
function isMountedRouter(created: ts.NewExpression): boolean {
  let current: ts.Node = created;
  const parent = current.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === current && ROUTER_MEMBERS.test(parent.name.text)) {
    current = ts.isCallExpression(parent.parent) && parent.parent.expression === parent ? parent.parent : parent;
  }
  const holder = current.parent;
  if (ts.isCallExpression(holder) && holder.arguments.includes(current as ts.Expression)) {
    const callee = holder.expression;
    return ts.isPropertyAccessExpression(callee) ? MOUNTING_CALLS.test(callee.name.text) : ts.isIdentifier(callee) && MOUNTING_CALLS.test(callee.text);
  }
  return current !== created;
}

/** `new (require('./x').X)(…)` (or `new (require('./x'))(…)`) created only to be handed to another constructor. */
function isConstructedForWiring(call: ts.CallExpression): boolean {
  let constructed: ts.Expression = call;
  if (ts.isPropertyAccessExpression(constructed.parent) && constructed.parent.expression === constructed) constructed = constructed.parent;
  while (ts.isParenthesizedExpression(constructed.parent)) constructed = constructed.parent;
  const created = constructed.parent;
  return ts.isNewExpression(created) && created.expression === constructed && isHandedToConstructor(created);
}

/** Created only to be mounted, or only to be handed to another constructor: wiring, not a use of it. */
function isWiredOnly(created: ts.NewExpression): boolean {
  return isMountedRouter(created) || isHandedToConstructor(created);
}

/**
 * `new UsersService(new UsersRepository(db))`, or `const repo = new UsersRepository(db)` whose
 * every use is an argument of another `new`: the object is built to be given to what uses it
 * (hand-written dependency injection), and this file only wires them.
 */
function isHandedToConstructor(created: ts.NewExpression): boolean {
  if (isHandedOn(created)) return true;
  const declaration = created.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== created || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  if (!ts.isVariableDeclarationList(list) || (list.flags & ts.NodeFlags.Const) === 0) return false;
  const uses = referencesIn(list.parent.parent, declaration.name);
  return uses.length > 0 && uses.every(isHandedOn);
}

/**
 * An argument of a `new`, or of a factory function of the app (`createPartiesModule(...)`), given
 * as such or as a property of the options object passed (`createOrders({ orders: new SqlOrders(db) })`).
 */
function isHandedOn(node: ts.Expression): boolean {
  const passed = carrierOf(node);
  const holder = passed.parent;
  if (ts.isNewExpression(holder)) return holder.arguments !== undefined && holder.arguments.includes(passed);
  return ts.isCallExpression(holder) && holder.arguments.includes(passed) && FACTORY_FUNCTION.test(calleeName(holder.expression).split('.').pop() ?? '');
}

/**
 * `createOrders({ orders: createSqlOrders(db) })`, or `return { orders: createSqlOrders(db) }` in
 * a factory function: a part built by its own factory only to be handed on, as a module's
 * composition does with its adapters. That is wiring, not a use of what it builds.
 */
function isBuiltToHandOn(call: ts.CallExpression): boolean {
  if (isHandedOn(call)) return true;
  const object = carrierOf(call);
  if (object === call) return false;
  const returned = ts.isReturnStatement(object.parent) || (ts.isParenthesizedExpression(object.parent) && ts.isArrowFunction(object.parent.parent));
  const factory = returned ? ts.findAncestor(object.parent, ts.isFunctionLike) : undefined;
  return factory !== undefined && FACTORY_FUNCTION.test(functionName(factory) ?? '');
}

/** What carries the value on: the object literal it is a property value of (`{ orders: … }`), or the value itself. */
function carrierOf(node: ts.Expression): ts.Expression {
  const parent = node.parent;
  return ts.isPropertyAssignment(parent) && parent.initializer === node && ts.isObjectLiteralExpression(parent.parent) ? parent.parent : node;
}

/** A function's own name, or the name of the constant it is assigned to (`const createX = () => …`). */
function functionName(fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name && ts.isIdentifier(fn.name)) return fn.name.text;
  const holder = fn.parent;
  return ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined;
}

/** A function that builds and returns a part of the app from what it is given: `createOrdersModule`, `makeBilling`, `buildServer`. */
const FACTORY_FUNCTION = /^(?:create|make|build)[A-Z]/;

/** Identifiers naming the same as `name` in the scope that declares it, the declaration left out. */
function referencesIn(scope: ts.Node, name: ts.Identifier): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    // A function taking a parameter of the same name (`constructor(private readonly decoratee: …)`) names that parameter in its body.
    if (ts.isFunctionLike(node) && node.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name.text)) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && !isMemberName(node)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return found;
}

/** Keys under which a plugin hands its parts to the host that mounts them (`{ controllers: X(gladys) }`). */
const HOST_ROLE_KEYS = /^(?:controllers?|routes?|routers?|resolvers?)$/;

/**
 * `return { start, controllers: XController(host) }`: the controller is created only to be handed
 * to the host under its role, which mounts it. That is a plugin's wiring, not a call into it.
 */
function isHandedToHost(node: ts.Identifier): boolean {
  const created = (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent)) && node.parent.expression === node ? node.parent : node;
  const holder = created.parent;
  return ts.isPropertyAssignment(holder) && holder.initializer === created && HOST_ROLE_KEYS.test(holder.name.getText());
}

/**
 * `@Cached()` uses `Cached` as a decorator; `extends Base` / `extends Mixin(X)` as a base class;
 * `module.exports = { comments, list() {…} }` and `export default { comments }` only pass
 * `comments` on.
 */
function valueUseOf(node: ts.Identifier): ValueUse {
  if (isLazyReference(node)) return 'lazy';
  if (ts.isNewExpression(node.parent) && node.parent.expression === node && isWiredOnly(node.parent)) return 'mount';
  if (isHandedToHost(node)) return 'mount';
  if (ts.isCallExpression(node.parent) && node.parent.expression === node && isBuiltToHandOn(node.parent)) return 'mount';
  let handedOver = true;
  for (let current: ts.Node = node; current.parent; current = current.parent) {
    const use = useDecidedBy(current.parent, handedOver);
    if (use) return use;
    handedOver &&= isHandedOverBy(current.parent, current);
  }
  return 'other';
}

/**
 * `forwardRef(() => UsersModule)`, `@ManyToOne(() => User)`, `@Field(() => Order)`: a function
 * handed to a call (or given as one of its options) that only names the value, so that it is read after every module has loaded.
 * The code itself says the reference must wait: that is how a cycle is knowingly broken.
 */
function isLazyReference(node: ts.Identifier): boolean {
  const arrow = node.parent;
  if (!ts.isArrowFunction(arrow) || arrow.body !== node || arrow.parameters.length > 0) return false;
  // `@Entity({ repository: () => UserRepository })`: an option of the call defers it as much.
  const option = ts.isPropertyAssignment(arrow.parent) && arrow.parent.initializer === arrow ? arrow.parent.parent : arrow;
  return ts.isCallExpression(option.parent) && option.parent.arguments.includes(option as ts.Expression);
}

/** The use an enclosing node decides (a decorator, a heritage clause, an export, any other statement), or undefined to look further up. */
function useDecidedBy(parent: ts.Node, handedOver: boolean): ValueUse | undefined {
  if (ts.isDecorator(parent)) return 'decorator';
  if (ts.isHeritageClause(parent)) return parent.token === ts.SyntaxKind.ExtendsKeyword ? 'base-class' : 'other';
  if (ts.isExportAssignment(parent)) return handedOver ? 'export' : 'other';
  if (ts.isExpressionStatement(parent)) return handedOver && isCommonJsExport(parent) ? 'export' : 'other';
  if (ts.isStatement(parent) || ts.isClassElement(parent) || ts.isFunctionLike(parent) || ts.isClassLike(parent)) return 'other';
  return undefined;
}

/** The value goes into a literal list or object as it is (not called, not computed with). */
function isHandedOverBy(parent: ts.Node, child: ts.Node): boolean {
  if (ts.isShorthandPropertyAssignment(parent) || ts.isObjectLiteralExpression(parent) || ts.isArrayLiteralExpression(parent)) return true;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === child;
  if (ts.isBinaryExpression(parent)) return parent.right === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  // `module.exports = mergeResolvers([users, posts])` passes them on as much as a literal list does.
  if (ts.isCallExpression(parent)) return parent.arguments.includes(child as ts.Expression) && isCombiningCall(parent);
  return false;
}

/**
 * `module.exports`, `exports`, and top-level names that are the exports object: bound to it
 * (`const Api = module.exports`) or exported as a whole (`const api = { … }; module.exports = api`).
 */
function exportsObjectsOf(sf: ts.SourceFile): ReadonlySet<string> {
  const names = new Set(['module.exports', 'exports']);
  for (const statement of sf.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && /^(?:module\.exports|exports)$/.test(d.initializer.getText(sf))) names.add(d.name.text);
      }
    } else if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const { left, operatorToken, right } = statement.expression;
      if (operatorToken.kind === ts.SyntaxKind.EqualsToken && left.getText(sf) === 'module.exports' && ts.isIdentifier(right)) names.add(right.text);
    }
  }
  return names;
}

/**
 * `Controllers.admin = require('./admin')`, `Controllers['well-known'] = require(…)`, or
 * `const admin = { users: require('./admin/users') }` with `admin` the exports object: the module
 * is passed on as it is, for a router to mount.
 */
function isExportedAsIs(call: ts.CallExpression, exportsObjects: ReadonlySet<string>): boolean {
  const parent = call.parent;
  if (ts.isBinaryExpression(parent)) {
    if (parent.right !== call || parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const target = parent.left;
    return (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) && exportsObjects.has(target.expression.getText());
  }
  let current: ts.Node = call;
  while (ts.isPropertyAssignment(current.parent) && current.parent.initializer === current && ts.isObjectLiteralExpression(current.parent.parent)) current = current.parent.parent;
  if (current === call) return false;
  const holder = current.parent;
  if (ts.isVariableDeclaration(holder)) return holder.initializer === current && ts.isIdentifier(holder.name) && exportsObjects.has(holder.name.text);
  return ts.isBinaryExpression(holder) && holder.right === current && exportsObjects.has(holder.left.getText());
}

/** `module.exports = …`, `module.exports.x = …`, `exports.x = …`. */
function isCommonJsExport(statement: ts.ExpressionStatement): boolean {
  const expr = statement.expression;
  return ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(?:module\.exports|exports)(?:\.[\w$]+)?$/.test(expr.left.getText());
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}

function importBindingsOf(clause: ts.ImportClause | undefined): ImportBinding[] {
  if (!clause) return [];
  const bindings: ImportBinding[] = [];
  const clauseTypeOnly = clause.isTypeOnly;
  if (clause.name) bindings.push({ local: clause.name.text, imported: 'default', typeOnly: clauseTypeOnly });
  const named = clause.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push({ local: named.name.text, imported: '*', typeOnly: clauseTypeOnly });
  } else if (named) {
    for (const el of named.elements) {
      bindings.push({
        local: el.name.text,
        imported: (el.propertyName ?? el.name).text,
        typeOnly: clauseTypeOnly || el.isTypeOnly,
      });
    }
  }
  return bindings;
}

function reExportBindingsOf(statement: ts.ExportDeclaration): ImportBinding[] {
  const clause = statement.exportClause;
  if (!clause) return [{ local: '*', imported: '*', typeOnly: statement.isTypeOnly }];
  if (ts.isNamespaceExport(clause)) return [{ local: clause.name.text, imported: '*', typeOnly: statement.isTypeOnly }];
  return clause.elements.map((el) => ({
    local: el.name.text,
    imported: (el.propertyName ?? el.name).text,
    typeOnly: statement.isTypeOnly || el.isTypeOnly,
  }));
}

/** `const X = require('x')` binds the module; `const { a, b: c } = require('x')` binds names. */
function requireBindingsOf(call: ts.CallExpression): ImportBinding[] {
  const parent = call.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === call) return declaredRequireBindings(parent.name);
  if (ts.isPropertyAccessExpression(parent) && parent.expression === call) return propertyRequireBindings(parent);
  return [];
}

/** `import {} from './x'`: an import clause of empty braces, no default. (`import './x'` has no clause: a side effect.) */
function namesNothing(clause: ts.ImportClause | undefined): boolean {
  return clause !== undefined && clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length === 0;
}

/**
 * `const { a, b: c } = await import('x')`: the names taken, as a static import's (what a module's
 * public API is judged on); so are those of one of several imports awaited together
 * (`const [{ a }, { b }] = await Promise.all([import('x'), import('y')])`). A module object kept
 * whole binds nothing: its uses are not followed.
 */
function dynamicImportBindingsOf(call: ts.CallExpression): ImportBinding[] {
  const together = awaitedTogether(call);
  let awaited: ts.Node = (together?.all ?? call).parent;
  while (ts.isParenthesizedExpression(awaited)) awaited = awaited.parent;
  if (!ts.isAwaitExpression(awaited)) return [];
  const holder = awaited.parent;
  if (!ts.isVariableDeclaration(holder) || holder.initializer !== awaited) return [];
  const pattern = together === undefined ? holder.name : arrayElementAt(holder.name, together.index);
  return pattern !== undefined && ts.isObjectBindingPattern(pattern) ? pattern.elements.flatMap((el) => destructuredRequireBinding(el)) : [];
}

/** `import('x')` as an element of `Promise.all([…])`: that call, and the element's place in the array. */
function awaitedTogether(call: ts.CallExpression): { all: ts.CallExpression; index: number } | undefined {
  const list = call.parent;
  if (!ts.isArrayLiteralExpression(list) || !ts.isCallExpression(list.parent) || list.parent.arguments[0] !== list) return undefined;
  const callee = list.parent.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Promise' || callee.name.text !== 'all') return undefined;
  return { all: list.parent, index: list.elements.indexOf(call) };
}

/** The binding at `index` of `const [a, { b }] = …`. */
function arrayElementAt(name: ts.BindingName, index: number): ts.BindingName | undefined {
  if (!ts.isArrayBindingPattern(name)) return undefined;
  const element = name.elements[index];
  return element !== undefined && ts.isBindingElement(element) ? element.name : undefined;
}

/** `const X = require('x')` or `const { a, b: c } = require('x')`. */
function declaredRequireBindings(name: ts.BindingName): ImportBinding[] {
  if (ts.isIdentifier(name)) return [{ local: name.text, imported: '*', typeOnly: false }];
  if (ts.isObjectBindingPattern(name)) return name.elements.flatMap((el) => destructuredRequireBinding(el));
  return [];
}

function destructuredRequireBinding(el: ts.BindingElement): ImportBinding[] {
  if (!ts.isIdentifier(el.name)) return [];
  const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text;
  return [{ local: el.name.text, imported, typeOnly: false }];
}

/** `const X = require('x').Y` binds Y; so does `const X = require('x').Y.Z` (Y is what the module gives). */
function propertyRequireBindings(access: ts.PropertyAccessExpression): ImportBinding[] {
  let outermost: ts.Expression = access;
  while (ts.isPropertyAccessExpression(outermost.parent) && outermost.parent.expression === outermost) outermost = outermost.parent;
  const holder = outermost.parent;
  if (ts.isVariableDeclaration(holder) && holder.initializer === outermost && ts.isIdentifier(holder.name)) {
    return [{ local: holder.name.text, imported: access.name.text, typeOnly: false }];
  }
  return [];
}

function startsTypeContext(node: ts.Node): boolean {
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return true;
  if (ts.isExpressionWithTypeArguments(node)) return false; // decided by the heritage clause
  return ts.isTypeNode(node);
}

/** Names that are not references: property names, declaration names, import/export specifiers. */
function isNonReferenceName(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === node;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  if (ts.isShorthandPropertyAssignment(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent)) return true;
  if (ts.isExportSpecifier(parent)) return true;
  if (ts.isImportEqualsDeclaration(parent)) return parent.name === node;
  const named = parent as ts.Node & { name?: ts.Node; propertyName?: ts.Node };
  return named.name === node || named.propertyName === node;
}

function isDecoratedMember(node: ts.Node): boolean {
  if (ts.isParameter(node)) {
    const owner = node.parent;
    if (ts.isConstructorDeclaration(owner)) {
      const cls = owner.parent;
      return (ts.canHaveDecorators(cls) && (ts.getDecorators(cls)?.length ?? 0) > 0) || hasDecorators(node);
    }
    return false;
  }
  if (ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node)) return hasDecorators(node);
  return false;
}

function hasDecorators(node: ts.Node): boolean {
  return ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0;
}

/** `Port | undefined` (an `@Optional()` injection) and `Port | null` -> `Port`: the type the parameter holds when it holds anything. */
function withoutNullish(type: ts.TypeNode): ts.TypeNode {
  if (!ts.isUnionTypeNode(type)) return type;
  const held = type.types.filter((member) => !isNullish(member));
  return held.length === 1 ? held[0]! : type;
}

function isNullish(type: ts.TypeNode): boolean {
  if (type.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  return ts.isLiteralTypeNode(type) && type.literal.kind === ts.SyntaxKind.NullKeyword;
}

/** `Repository<User>` -> `Repository`; `Knex.Transaction` -> `Knex`; anything else -> undefined. */
export function typeReferenceRoot(type: ts.TypeNode): string | undefined {
  if (!ts.isTypeReferenceNode(type)) return undefined;
  let name: ts.EntityName = type.typeName;
  while (ts.isQualifiedName(name)) name = name.left;
  return name.text;
}

/** `Prisma.JsonValue` -> `JsonValue`: the name a qualified type reference takes from its namespace. */
function qualifiedMember(type: ts.TypeNode): string | undefined {
  return ts.isTypeReferenceNode(type) && ts.isQualifiedName(type.typeName) ? type.typeName.right.text : undefined;
}

function expressionRootName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  if (ts.isCallExpression(expr)) return expressionRootName(expr.expression);
  return undefined;
}

/**
 * Parse errors are kept on the source file by the parser; the public API only exposes them through
 * a Program. Reading the field avoids building one (10x the cost) and is stable across TS 4-6.
 */
function syntaxErrorsOf(sf: ts.SourceFile): SyntaxError[] {
  const diagnostics = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.slice(0, 20).map((d) => ({
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
    offset: d.start ?? 0,
  }));
}

/** Inside a decorator's arguments (callbacks included: `@Transform(() => new Date())`). */
function isInDecorator(node: ts.Node): boolean {
  for (let current = node.parent; current && !ts.isSourceFile(current); current = current.parent) if (ts.isDecorator(current)) return true;
  return false;
}

/** The plain identifiers in `exports: [...]` of the dynamic modules (`{ module, exports }`) a class's static methods return. */
function dynamicModuleExports(node: ts.ClassDeclaration | ts.ClassExpression): string[] {
  const names: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isObjectLiteralExpression(child)) names.push(...exportsOfDynamicModule(child));
    if (!ts.isFunctionLike(child) || ts.isArrowFunction(child)) ts.forEachChild(child, visit);
  };
  for (const member of node.members) {
    if (hasModifier(member, ts.SyntaxKind.StaticKeyword) && ts.isMethodDeclaration(member) && member.body) ts.forEachChild(member.body, visit);
  }
  return [...new Set(names)];
}

function exportsOfDynamicModule(object: ts.ObjectLiteralExpression): string[] {
  const property = (name: string) => object.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && ts.isIdentifier(p.name) && p.name.text === name);
  const exported = property('exports');
  if (!property('module') || !exported || !ts.isPropertyAssignment(exported) || !ts.isArrayLiteralExpression(exported.initializer)) return [];
  return exported.initializer.elements.filter(ts.isIdentifier).map((id) => id.text);
}

/** A member with code of its own: a method or accessor with a body, or a property holding a function (`list = async (req, res) => …`). */
function runsCode(member: ts.ClassElement): boolean {
  if (ts.isMethodDeclaration(member) || ts.isAccessor(member)) return member.body !== undefined;
  const value = ts.isPropertyDeclaration(member) ? member.initializer : undefined;
  return value !== undefined && (ts.isArrowFunction(value) || ts.isFunctionExpression(value));
}

/**
 * The members read on an import-bound name where it is used: `mongoose.isValidObjectId` reads
 * one, `const { isValidObjectId } = mongoose` the ones it takes apart. Undefined for any other use
 * (the value passed on, called, or taken apart with a rest element).
 */
function membersReadOn(node: ts.Identifier, parent: ts.Node): string[] | undefined {
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return [parent.name.text];
  if (!ts.isVariableDeclaration(parent) || parent.initializer !== node || !ts.isObjectBindingPattern(parent.name)) return undefined;
  const names: string[] = [];
  for (const element of parent.name.elements) {
    const key = element.propertyName ?? element.name;
    if (element.dotDotDotToken !== undefined || !ts.isIdentifier(key)) return undefined;
    names.push(key.text);
  }
  return names;
}
