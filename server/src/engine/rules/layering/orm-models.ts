import type { FileNode } from '../../graph/types';

/** Class decorators that map a class to a table or a collection (TypeORM, MikroORM, sequelize-typescript, Mongoose). */
const ORM_CLASS_DECORATORS: ReadonlySet<string> = new Set(['Entity', 'Table', 'Schema']);

/**
 * A model, or an ORM entity the domain's folder put in another layer (`domain/entities/user.entity.ts`
 * with `@Entity()`): its relations to the others are the ORM's, resolved lazily, whatever its layer.
 */
export function isOrmModel(node: FileNode | undefined): boolean {
  if (node === undefined) return false;
  if (node.layer === 'model') return true;
  return node.facts.classes.length > 0 && node.facts.classes.every((c) => c.decorators.some((d) => ORM_CLASS_DECORATORS.has(d.name)));
}
