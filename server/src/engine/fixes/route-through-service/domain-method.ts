import { Node, SyntaxKind, type CallExpression, type ClassDeclaration, type Expression, type Identifier, type SourceFile } from 'ts-morph';
import { pluralOf, singularOf, upperFirst } from '../../text/words';
import { importedNames } from '../imports';
import { memberAccesses } from './members';

/** A parameter of a service method: its name, and its type as written (undefined in JavaScript). */
export interface DomainParameter {
  readonly name: string;
  readonly type: string | undefined;
}

/**
 * One service method standing for the controller's calls of one repository method with the same
 * query: `findOneBy({ id: Number(id) })` → `findUserById(id: string)`. The query objects move into
 * the service; the controller passes domain values.
 */
export interface DomainMethod {
  readonly name: string;
  readonly parameters: readonly DomainParameter[];
  /** `this.<repository>.<method>(<arguments>)` without the receiver: `findOneBy({ id: Number(id) })`. */
  readonly call: string;
  /** Each call site with what the controller now passes, in the order of `parameters`. */
  readonly sites: readonly { readonly start: number; readonly end: number; readonly values: readonly string[] }[];
  /** Names the query and the parameter types use that the controller imports: the service imports them too. */
  readonly imports: ReadonlySet<string>;
}

export type DomainPlan = { readonly methods: readonly DomainMethod[] } | { readonly refused: string };

/**
 * The service methods the controller's repository calls become, or why the calls cannot move
 * safely (then the fix says so instead of writing a pass-through that only moves the layering).
 */
export function planDomainMethods(cls: ClassDeclaration, member: string, repositoryType: string, typed: boolean): DomainPlan {
  const entity = entityOf(repositoryType, member);
  const byName = new Map<string, DomainMethod>();
  for (const access of memberAccesses(cls, member)) {
    const call = access.getParentIfKind(SyntaxKind.PropertyAccessExpression)?.getParentIfKind(SyntaxKind.CallExpression);
    if (!call) return { refused: `this.${member} is used other than by calling its methods` };
    const planned = planCall(call, cls, entity, typed);
    if ('refused' in planned) return planned;
    const same = byName.get(planned.name);
    if (!same) byName.set(planned.name, planned);
    else if (same.call === planned.call && sameParameters(same.parameters, planned.parameters)) byName.set(planned.name, { ...same, sites: [...same.sites, ...planned.sites] });
    else return { refused: `two handlers query ${entity.plural} differently (${same.call} and ${planned.call}); name the service methods by hand` };
  }
  return { methods: [...byName.values()] };
}

function sameParameters(a: readonly DomainParameter[], b: readonly DomainParameter[]): boolean {
  return a.length === b.length && a.every((p, i) => p.name === b[i]?.name && p.type === b[i]?.type);
}

interface Entity {
  readonly singular: string;
  readonly plural: string;
}

/** `Repository<User>`, `Model<UserDocument>` → User; `UsersRepository` → User; else the member: `this.orders` → Order. */
export function entityOf(repositoryType: string, member: string): Entity {
  const generic = /^\w+<\s*([A-Z]\w*)\s*>$/.exec(repositoryType)?.[1];
  const named = /^([A-Z]\w*?)(?:Repository|Repo|Dao|Store|Model|Collection|Table)$/.exec(repositoryType)?.[1];
  const memberNoun = upperFirst(member.replace(/(?:Repository|Repo|Dao|Store|Model|Collection|Table)$/, ''));
  const noun = (generic ?? named ?? memberNoun).replace(/(?:Entity|Document|Doc|Model|Record|Row)$/, '') || memberNoun;
  const singular = upperFirst(singularOf(noun));
  return { singular, plural: upperFirst(pluralOf(singular)) };
}

interface Argument {
  /** The argument moves into the service as written (a query object), or the controller passes its value. */
  readonly moves: boolean;
  readonly parameters: readonly (DomainParameter & { readonly value: string })[];
  readonly text: string;
}

function planCall(call: CallExpression, cls: ClassDeclaration, entity: Entity, typed: boolean): DomainMethod | { refused: string } {
  const method = call.getExpression().asKindOrThrow(SyntaxKind.PropertyAccessExpression).getName();
  if (Node.isPropertyAccessExpression(call.getParent()) || Node.isElementAccessExpression(call.getParent())) {
    return { refused: `the controller goes on with what ${method}() returns (${snippet(call.getParent()?.getText() ?? '')}): that query belongs in the service as a whole` };
  }
  const imports = new Set<string>();
  const args: Argument[] = [];
  for (const [index, argument] of call.getArguments().entries()) {
    const planned = planArgument(argument as Expression, index, cls, typed, imports);
    if ('refused' in planned) return planned;
    args.push(planned);
  }
  const parameters = new Map<string, DomainParameter & { value: string }>();
  for (const parameter of args.flatMap((a) => a.parameters)) {
    const seen = parameters.get(parameter.name);
    if (seen && (seen.value !== parameter.value || seen.type !== parameter.type)) return { refused: `two values would both be passed as "${parameter.name}"` };
    parameters.set(parameter.name, parameter);
  }
  const list = [...parameters.values()];
  return {
    name: domainName(method, entity, list),
    parameters: list.map(({ name, type }) => ({ name, type })),
    call: `${method}(${args.map((a) => (a.moves ? a.text : (a.parameters[0]?.name ?? ''))).join(', ')})`,
    sites: [{ start: call.getStart(), end: call.getEnd(), values: list.map((p) => p.value) }],
    imports,
  };
}

/** A query object moves with its free names as parameters; any other value is passed as it is, under a name of its own. */
function planArgument(argument: Expression, index: number, cls: ClassDeclaration, typed: boolean, imports: Set<string>): Argument | { refused: string } {
  if (Node.isSpreadElement(argument)) return { refused: `a spread argument (${argument.getText()}) cannot be told apart` };
  if (Node.isObjectLiteralExpression(argument) || Node.isArrayLiteralExpression(argument)) return planQuery(argument, cls, typed, imports);
  const value = argument.getText();
  const name = valueName(argument) ?? `arg${index + 1}`;
  const type = typed ? valueType(argument, cls, imports) : undefined;
  if (typed && type === undefined) return { refused: `the type of ${value} is not written where the controller passes it` };
  return { moves: false, parameters: [{ name, type, value }], text: value };
}

/** A query object (`{ where: { id } }`) moves into the service; the names it reads become the method's parameters. */
function planQuery(query: Expression, cls: ClassDeclaration, typed: boolean, imports: Set<string>): Argument | { refused: string } {
  if (query.getDescendantsOfKind(SyntaxKind.ThisKeyword).length > 0)
    return { refused: `the query uses the controller's own members (${snippet(query.getDescendantsOfKind(SyntaxKind.ThisKeyword)[0]?.getParent()?.getText() ?? query.getText())})` };
  if (query.getDescendantsOfKind(SyntaxKind.AwaitExpression).length > 0) return { refused: 'the query awaits inside its own arguments' };
  const parameters: (DomainParameter & { value: string })[] = [];
  for (const identifier of freeIdentifiers(query)) {
    const name = identifier.getText();
    if (parameters.some((p) => p.name === name)) continue;
    const resolved = resolveName(identifier, cls, typed, imports);
    if (resolved === 'global') continue;
    if ('refused' in resolved) return resolved;
    parameters.push({ name, type: resolved.type, value: name });
  }
  return { moves: true, parameters, text: query.getText() };
}

/** Code quoted in a reason: on one line, at most 60 characters. */
function snippet(code: string): string {
  const line = code.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** Identifiers the expression reads from its surroundings: not property names, not names it declares itself. */
function freeIdentifiers(expression: Expression): Identifier[] {
  const all = Node.isIdentifier(expression) ? [expression] : expression.getDescendantsOfKind(SyntaxKind.Identifier);
  return all.filter((identifier) => {
    const parent = identifier.getParent();
    if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === identifier) return false;
    if ((Node.isPropertyAssignment(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === identifier) return false;
    if (Node.isParameterDeclaration(parent) || Node.isBindingElement(parent) || Node.isVariableDeclaration(parent)) return false;
    return !declaredInside(identifier, expression);
  });
}

function declaredInside(identifier: Identifier, scope: Node): boolean {
  const name = identifier.getText();
  for (let node: Node | undefined = identifier.getParent(); node && node !== scope.getParent(); node = node.getParent()) {
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node)) {
      if (node.getParameters().some((p) => p.getName() === name || p.getDescendantsOfKind(SyntaxKind.Identifier).some((i) => i.getText() === name))) return true;
    }
  }
  return false;
}

type Resolved = { readonly type: string | undefined } | 'global' | { readonly refused: string };

/** What a free name of a query stands for: a handler's parameter or local (typed), an import, or a global. */
function resolveName(identifier: Identifier, cls: ClassDeclaration, typed: boolean, imports: Set<string>): Resolved {
  const name = identifier.getText();
  for (let fn: Node | undefined = identifier.getParent(); fn && fn !== cls; fn = fn.getParent()) {
    if (!Node.isFunctionLikeDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) continue;
    const parameter = fn.getParameters().find((p) => p.getName() === name);
    const local = parameter ? undefined : fn.getDescendantsOfKind(SyntaxKind.VariableDeclaration).find((v) => Node.isIdentifier(v.getNameNode()) && v.getName() === name);
    const declared = parameter ?? local;
    if (!declared) {
      if (fn.getDescendantsOfKind(SyntaxKind.BindingElement).some((b) => b.getName() === name)) return typedOrRefused(name, undefined, typed);
      continue;
    }
    const typeNode = declared.getTypeNode();
    if (typeNode) collectImports(typeNode, imports);
    return typedOrRefused(name, typeNode?.getText(), typed);
  }
  const sourceFile = cls.getSourceFile();
  if (importedNames(sourceFile).has(name)) {
    imports.add(name);
    return 'global';
  }
  if (declaresAtTop(sourceFile, name)) return { refused: `the query uses ${name}, which the controller's file declares` };
  return 'global';
}

function typedOrRefused(name: string, type: string | undefined, typed: boolean): Resolved {
  return typed && type === undefined ? { refused: `the type of ${name} is not written in the handler` } : { type };
}

function collectImports(node: Node, imports: Set<string>): void {
  const imported = importedNames(node.getSourceFile());
  for (const identifier of [node, ...node.getDescendants()].filter(Node.isIdentifier)) if (imported.has(identifier.getText())) imports.add(identifier.getText());
}

function declaresAtTop(sourceFile: SourceFile, name: string): boolean {
  return sourceFile.getVariableDeclaration(name) !== undefined || sourceFile.getFunction(name) !== undefined || sourceFile.getClass(name) !== undefined || sourceFile.getEnum(name) !== undefined;
}

/** `id` → id; `dto.email` → email; `String(req.params.id)` → id. */
function valueName(expression: Expression): string | undefined {
  if (Node.isIdentifier(expression)) return expression.getText();
  if (Node.isPropertyAccessExpression(expression)) return expression.getName();
  if (Node.isCallExpression(expression) && /^(?:String|Number|parseInt|parseFloat|Boolean|BigInt)$/.test(expression.getExpression().getText())) {
    const [inner] = expression.getArguments();
    return inner && (Node.isIdentifier(inner) || Node.isPropertyAccessExpression(inner)) ? valueName(inner as Expression) : undefined;
  }
  return undefined;
}

/** The type of a value passed as it is: a typed name's, or what a conversion or a literal makes. */
function valueType(expression: Expression, cls: ClassDeclaration, imports: Set<string>): string | undefined {
  if (Node.isIdentifier(expression)) {
    const resolved = resolveName(expression, cls, true, imports);
    return typeof resolved === 'object' && 'type' in resolved ? resolved.type : undefined;
  }
  // `params.projectId` of `params: ProjectParamsDto` is a `ProjectParamsDto['projectId']`.
  if (Node.isPropertyAccessExpression(expression) && Node.isIdentifier(expression.getExpression()) && !expression.hasQuestionDotToken()) {
    const owner = valueType(expression.getExpression() as Expression, cls, imports);
    return owner && /^[A-Z][\w.]*(?:<[\w\s,.<>]*>)?$/.test(owner) ? `${owner}['${expression.getName()}']` : undefined;
  }
  return literalType(expression);
}

/** What a literal or a conversion makes: `'a'`, `String(x)` → string; `1`, `Number(x)` → number. */
function literalType(expression: Expression): string | undefined {
  if (Node.isStringLiteral(expression) || Node.isNoSubstitutionTemplateLiteral(expression) || Node.isTemplateExpression(expression)) return 'string';
  if (Node.isNumericLiteral(expression)) return 'number';
  const callee = Node.isCallExpression(expression) ? expression.getExpression().getText() : '';
  return CONVERSIONS.get(callee);
}

const CONVERSIONS: ReadonlyMap<string, string> = new Map([
  ['String', 'string'],
  ['Number', 'number'],
  ['parseInt', 'number'],
  ['parseFloat', 'number'],
  ['Boolean', 'boolean'],
]);

const READS_MANY = /^(?:find|findBy|findAll|findMany|list|listAll|getAll|search|query|fetchAll|where)$/;
const READS_ONE = /^(?:find|get|fetch|load)(?:One|First|Unique|ById|OneBy|OneById|ByPk|ByPK)?(?:OrFail|OrThrow)?$/;
const COUNTS = /^count(?:By)?$/;
const WRITES = /^(?:save|create|insert|upsert|update|delete|remove|softDelete|softRemove|restore|destroy|increment|decrement)(?:One|Many|By)?$/;

/**
 * A name in the domain's words: `find` → findUsers, `findOneBy({ id })` → findUserById,
 * `count` → countUsers, `save(dto)` → saveUser. A repository's own method (`findActiveByTenant`)
 * already is one, and is kept.
 */
function domainName(method: string, entity: Entity, parameters: readonly DomainParameter[]): string {
  // `findById` already says what it looks up by; `findOneBy({ … })` leaves it to the values.
  const said = /By([A-Z]\w*?)(?:OrFail|OrThrow)?$/.exec(method)?.[1];
  const by = said ? `By${said}` : byQualifier(parameters);
  const failing = /Or(?:Fail|Throw)$/.exec(method)?.[0] ?? '';
  if (READS_MANY.test(method)) return `find${entity.plural}${by}`;
  if (READS_ONE.test(method)) return `find${entity.singular}${by}${failing}`;
  if (COUNTS.test(method)) return `count${entity.plural}${by}`;
  const write = WRITES.exec(method);
  if (write) return `${method.replace(/(?:One|Many|By)$/, '')}${/Many$/.test(method) ? entity.plural : entity.singular}`;
  return method;
}

/** `ById`, `ByEmailAndTenantId`; nothing for a whole input (`dto`, `query`) or more than two values. */
function byQualifier(parameters: readonly DomainParameter[]): string {
  const wholeInput = (p: DomainParameter) =>
    /^(?:dto|body|query|filter|filters|options|params|input|payload|criteria|where|data)$/i.test(p.name) || /(?:Dto|Query|Filter|Options|Input|Params)$/.test(p.type ?? '');
  if (parameters.length === 0 || parameters.length > 2 || parameters.some(wholeInput)) return '';
  return `By${parameters.map((p) => upperFirst(p.name)).join('And')}`;
}
