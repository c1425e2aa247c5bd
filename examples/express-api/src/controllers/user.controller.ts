import type { NextFunction, Request, Response } from 'express';
import type { CreateUserDto } from '../dto/create-user.dto.js';
import { UserService } from '../services/user.service.js';

export class UserController {
  constructor(private readonly users: UserService) {}

  list = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const page = Math.max(1, Number(req.query.page) || 1);
      res.json(await this.users.list(page));
    } catch (err) {
      next(err);
    }
  };

  getById = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.json(await this.users.getById(Number(req.params.id)));
    } catch (err) {
      next(err);
    }
  };

  create = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const user = await this.users.register(req.body as CreateUserDto);
      res.status(201).location(`/api/users/${user.id}`).json(user);
    } catch (err) {
      next(err);
    }
  };

  suspend = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      await this.users.suspend(Number(req.params.id));
      res.status(204).end();
    } catch (err) {
      next(err);
    }
  };
}
