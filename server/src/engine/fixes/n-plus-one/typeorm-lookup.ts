import type { FileNode } from '../../graph/types';
import { ts } from '../../ts';
import type { Lookup } from './batch';
import { constructorParam } from './constructor-param';
import { optionsOf, singleCondition } from './lookup-condition';
import { flat, spliced } from './node-text';
import { receiverNoun } from './receiver-noun';

/** findOne options that load the same rows for many keys: no select (it may leave out the key), no order or paging. */
const TYPEORM_KEPT_OPTIONS = new Set(['where', 'relations', 'withDeleted', 'loadEagerRelations']);
const TYPEORM_REPOSITORIES = new Set(['Repository', 'MongoRepository', 'TreeRepository']);

/** `repo.findOneBy({ id: key })` → `repo.findBy({ id: In(ids) })`; `repo.findOne({ where: { id: key } })` likewise. */
export function typeormLookup(call: ts.CallExpression, callee: ts.PropertyAccessExpression, node: FileNode): Lookup | undefined {
  const [argument] = call.arguments;
  if (call.arguments.length !== 1 || !argument) return undefined;
  const byWhere = callee.name.text === 'findOne';
  // findOne({ where }) has look-alikes in other ORMs (Sequelize, MikroORM): only on a receiver known to be TypeORM's.
  if (!isTypeormReceiver(callee.expression, node) && (byWhere || !importsTypeorm(node))) return undefined;
  const criteria = byWhere ? whereOption(argument) : { where: argument, onlyWhere: true };
  const condition = singleCondition(criteria?.where);
  if (!criteria || !condition) return undefined;
  const { where, onlyWhere } = criteria;
  const batched = (ids: string): string => {
    const replaced = spliced(onlyWhere ? where : argument, [[condition.property, `${condition.field}: In(${ids})`]]);
    return `${callee.expression.getText()}.${onlyWhere ? 'findBy' : 'find'}(${replaced})`;
  };
  const noun = receiverNoun(callee.expression);
  return { call, field: condition.field, key: condition.key, batched, rows: '', missing: ' ?? null', receiver: flat(callee.expression), needsIn: true, ...(noun ? { noun } : {}) };
}

/** The where of findOne options, when the other options load the same rows for many keys. */
function whereOption(argument: ts.Expression): { where: ts.Expression; onlyWhere: boolean } | undefined {
  const options = optionsOf(argument);
  const where = options?.get('where')?.initializer;
  if (!options || !where || [...options.keys()].some((name) => !TYPEORM_KEPT_OPTIONS.has(name))) return undefined;
  return { where, onlyWhere: options.size === 1 };
}

/** `this.x` injected as a TypeORM `Repository<T>`, or `….getRepository(Entity)`. */
function isTypeormReceiver(receiver: ts.Expression, node: FileNode): boolean {
  if (ts.isCallExpression(receiver)) return ts.isPropertyAccessExpression(receiver.expression) && receiver.expression.name.text === 'getRepository';
  if (!ts.isPropertyAccessExpression(receiver) || receiver.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const param = constructorParam(node, receiver, receiver.name.text);
  return !!param && ((!!param.typeName && TYPEORM_REPOSITORIES.has(param.typeName)) || param.decorators.some((d) => d.name === 'InjectRepository'));
}

function importsTypeorm(node: FileNode): boolean {
  return node.facts.moduleRefs.some((ref) => ref.kind === 'import' && ref.specifier === 'typeorm');
}
