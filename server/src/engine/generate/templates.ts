import { relativeSpecifier } from '../fixes/imports';
import type { Part } from './layout';
import type { ResourceNames } from './names';
import type { WorkspaceStyle } from './style';

/** What every template gets: the names, the workspace's style and the import path between two parts. */
export interface TemplateInput {
  readonly names: ResourceNames;
  readonly style: WorkspaceStyle;
  readonly from: (part: Part, to: Part) => string;
}

export function importer(paths: Readonly<Record<Part, string>>, style: WorkspaceStyle): TemplateInput['from'] {
  return (part, to) => relativeSpecifier(paths[part], paths[to], style.relativeExtension);
}

/** The TypeScript type of an id. */
export function idTs(style: WorkspaceStyle): 'string' | 'number' {
  return style.idType === 'int' ? 'number' : 'string';
}

export function entity({ names: n, style }: TemplateInput): string {
  if (style.orm !== 'typeorm') {
    return `/** One ${n.kebabOne}, as the service and the API see it. */
export interface ${n.One} {
	id: ${idTs(style)};
	name: string;
}
`;
  }
  return `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: '${n.kebab.replace(/-/g, '_')}' })
export class ${n.One} {
	@PrimaryGeneratedColumn(${style.idType === 'int' ? '' : "'uuid'"})
	id!: ${idTs(style)};

	@Column({ type: 'varchar', length: 200 })
	name!: string;

	@CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
	createdAt!: Date;
}
`;
}

export function repository(input: TemplateInput): string {
  const { names: n, style, from } = input;
  const injectable = style.framework === 'nest';
  const header = injectable ? `import { Injectable } from '@nestjs/common';\n` : '';
  if (style.orm === 'typeorm') {
    const inject = injectable ? `import { InjectRepository } from '@nestjs/typeorm';\n` : '';
    return `${header}${inject}import type { DeepPartial, Repository } from 'typeorm';
import { ${n.One} } from '${from('repository', 'entity')}';

/** The only class that queries the ${n.kebab} table. */
${injectable ? '@Injectable()\n' : ''}export class ${n.Plural}Repository {
	constructor(${injectable ? `@InjectRepository(${n.One}) ` : ''}private readonly ${n.plural}: Repository<${n.One}>) {}

	findById(id: ${idTs(style)}): Promise<${n.One} | null> {
		return this.${n.plural}.findOneBy({ id });
	}

	create(fields: DeepPartial<${n.One}>): Promise<${n.One}> {
		return this.${n.plural}.save(this.${n.plural}.create(fields));
	}
}
`;
  }
  const int = style.idType === 'int';
  return `${header}${int ? '' : `import { randomUUID } from 'node:crypto';\n`}import type { ${n.One} } from '${from('repository', 'entity')}';

/** Keeps ${n.kebab} in memory until the project stores them; the service does not change when it does. */
${injectable ? '@Injectable()\n' : ''}export class ${n.Plural}Repository {
	private readonly ${n.plural} = new Map<${idTs(style)}, ${n.One}>();${int ? '\n\tprivate nextId = 1;' : ''}

	findById(id: ${idTs(style)}): Promise<${n.One} | null> {
		return Promise.resolve(this.${n.plural}.get(id) ?? null);
	}

	create(fields: Omit<${n.One}, 'id'>): Promise<${n.One}> {
		const ${n.one}: ${n.One} = { ...fields, id: ${int ? 'this.nextId++' : 'randomUUID()'} };
		this.${n.plural}.set(${n.one}.id, ${n.one});
		return Promise.resolve(${n.one});
	}
}
`;
}

export function service({ names: n, style, from }: TemplateInput): string {
  const nest = style.framework === 'nest';
  const input = nest ? `Create${n.One}Dto` : `Create${n.One}Input`;
  return `${nest ? `import { Injectable } from '@nestjs/common';\n` : ''}import type { ${input} } from '${from('service', 'dto')}';
import type { ${n.One} } from '${from('service', 'entity')}';
import ${nest ? '' : 'type '}{ ${n.Plural}Repository } from '${from('service', 'repository')}';

/** The ${n.kebab} use cases; knows nothing of HTTP. */
${nest ? '@Injectable()\n' : ''}export class ${n.Plural}Service {
	constructor(private readonly ${n.plural}Repository: ${n.Plural}Repository) {}

	findById(id: ${idTs(style)}): Promise<${n.One} | null> {
		return this.${n.plural}Repository.findById(id);
	}

	create(input: ${input}): Promise<${n.One}> {
		return this.${n.plural}Repository.create(input);
	}
}
`;
}
