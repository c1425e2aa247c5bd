import { idTs, type TemplateInput } from './templates';

export function dto({ names: n, style }: TemplateInput): string {
  if (style.framework === 'nest') {
    return `import { IsString, MaxLength, MinLength } from 'class-validator';

/** The body of POST /${n.kebab}, checked by the ValidationPipe before the controller runs. */
export class Create${n.One}Dto {
	@IsString()
	@MinLength(1)
	@MaxLength(200)
	readonly name!: string;
}
`;
  }
  return `import { z } from 'zod';

/** The body of POST /${n.kebab}; parsed at the entry, so the service gets checked input. */
export const create${n.One}Schema = z.object({
	name: z.string().trim().min(1).max(200),
});

export type Create${n.One}Input = z.infer<typeof create${n.One}Schema>;
`;
}

/** `@Controller(…)` as the project versions its routes (see `WorkspaceStyle.versioning`). */
function nestRoute({ names: n, style }: TemplateInput): string {
  if (style.versioning === 'global') return `'${n.kebab}'`;
  return style.versioning === 'controller' ? `{ path: '${n.kebab}', version: '1' }` : `'v1/${n.kebab}'`;
}

export function nestController(input: TemplateInput): string {
  const { names: n, style, from } = input;
  const pipe = style.idType === 'int' ? 'ParseIntPipe' : 'ParseUUIDPipe';
  return `import { Body, Controller, Get, NotFoundException, Param, ${pipe}, Post } from '@nestjs/common';
import { Create${n.One}Dto } from '${from('controller', 'dto')}';
import type { ${n.One} } from '${from('controller', 'entity')}';
import { ${n.Plural}Service } from '${from('controller', 'service')}';

@Controller(${nestRoute(input)})
export class ${n.Plural}Controller {
	constructor(private readonly ${n.plural}Service: ${n.Plural}Service) {}

	@Post()
	create(@Body() dto: Create${n.One}Dto): Promise<${n.One}> {
		return this.${n.plural}Service.create(dto);
	}

	@Get(':id')
	async findOne(@Param('id', ${pipe}) id: ${idTs(style)}): Promise<${n.One}> {
		const ${n.one} = await this.${n.plural}Service.findById(id);
		if (!${n.one}) throw new NotFoundException(\`${n.One} \${id} not found\`);
		return ${n.one};
	}
}
`;
}

export function nestModule({ names: n, style, from }: TemplateInput): string {
  const typeorm = style.orm === 'typeorm';
  return `import { Module } from '@nestjs/common';
${typeorm ? `import { TypeOrmModule } from '@nestjs/typeorm';\nimport { ${n.One} } from '${from('module', 'entity')}';\n` : ''}import { ${n.Plural}Controller } from '${from('module', 'controller')}';
import { ${n.Plural}Repository } from '${from('module', 'repository')}';
import { ${n.Plural}Service } from '${from('module', 'service')}';

@Module({
${typeorm ? `\timports: [TypeOrmModule.forFeature([${n.One}])],\n` : ''}	controllers: [${n.Plural}Controller],
	providers: [${n.Plural}Service, ${n.Plural}Repository],
	exports: [${n.Plural}Service],
})
export class ${n.Plural}Module {}
`;
}

export function expressController({ names: n, style, from }: TemplateInput): string {
  return `import type { Request, Response } from 'express';
import { z } from 'zod';
import { create${n.One}Schema } from '${from('controller', 'dto')}';
import type { ${n.Plural}Service } from '${from('controller', 'service')}';

const ${n.one}Params = z.object({ id: ${style.idType === 'int' ? 'z.coerce.number().int().positive()' : 'z.string().uuid()'} });

/** HTTP only: parses the request, calls the service, picks the status. */
export class ${n.Plural}Controller {
	constructor(private readonly ${n.plural}Service: ${n.Plural}Service) {}

	create = async (req: Request, res: Response): Promise<void> => {
		const input = create${n.One}Schema.safeParse(req.body);
		if (!input.success) {
			res.status(400).json({ error: 'BadRequest', issues: input.error.issues });
			return;
		}
		const ${n.one} = await this.${n.plural}Service.create(input.data);
		res.status(201).location(\`\${req.baseUrl}/\${${n.one}.id}\`).json(${n.one});
	};

	getById = async (req: Request, res: Response): Promise<void> => {
		const params = ${n.one}Params.safeParse(req.params);
		if (!params.success) {
			res.status(400).json({ error: 'BadRequest', issues: params.error.issues });
			return;
		}
		const ${n.one} = await this.${n.plural}Service.findById(params.data.id);
		if (!${n.one}) {
			res.status(404).json({ error: 'NotFound', message: \`${n.One} \${params.data.id} not found\` });
			return;
		}
		res.json(${n.one});
	};
}
`;
}

export function expressRouter({ names: n, from }: TemplateInput): string {
  return `import { Router } from 'express';
import type { ${n.Plural}Controller } from '${from('router', 'controller')}';

/** Mount under a versioned path: app.use('/v1/${n.kebab}', ${n.plural}Router(controller)). Rejections go to the error middleware. */
export function ${n.plural}Router(controller: ${n.Plural}Controller): Router {
	const router = Router();
	router.post('/', (req, res, next) => {
		controller.create(req, res).catch(next);
	});
	router.get('/:id', (req, res, next) => {
		controller.getById(req, res).catch(next);
	});
	return router;
}
`;
}

export function serviceTest({ names: n, style, from }: TemplateInput): string {
  const imports = {
    jest: '',
    vitest: `import { describe, expect, it } from 'vitest';\n`,
    node: `import * as assert from 'node:assert/strict';\nimport { describe, it } from 'node:test';\n`,
  }[style.tests];
  const check = style.tests === 'node' ? `assert.deepEqual(await service.findById(created.id), created);` : `expect(await service.findById(created.id)).toEqual(created);`;
  const input = style.framework === 'nest' ? `Create${n.One}Dto` : `Create${n.One}Input`;
  return `${imports}import type { ${input} } from '${from('test', 'dto')}';
import type { ${n.One} } from '${from('test', 'entity')}';
import type { ${n.Plural}Repository } from '${from('test', 'repository')}';
import { ${n.Plural}Service } from '${from('test', 'service')}';

describe('${n.Plural}Service', () => {
	it('finds the ${n.kebabOne} it created', async () => {
		const stored = new Map<${idTs(style)}, ${n.One}>();
		const repository = {
			findById: (id: ${idTs(style)}) => Promise.resolve(stored.get(id) ?? null),
			create: (input: ${input}) => {
				const ${n.one} = { ...input, id: ${style.idType === 'int' ? '1' : "'first'"} } as ${n.One};
				stored.set(${n.one}.id, ${n.one});
				return Promise.resolve(${n.one});
			},
		};
		const service = new ${n.Plural}Service(repository as unknown as ${n.Plural}Repository);
		const created = await service.create({ name: 'First' });
		${check}
	});
});
`;
}
