import { ConflictError, NotFoundError, UnprocessableError } from '../errors.js';
import type { NewUser, User } from '../models/user.js';
import { UserRepository } from '../repositories/user.repository.js';

const PAGE_SIZE = 25;

export class UserService {
  constructor(private readonly users: UserRepository) {}

  async getById(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async assertActive(id: number): Promise<User> {
    const user = await this.getById(id);
    if (user.status !== 'active') {
      throw new UnprocessableError(`User ${id} is ${user.status}`);
    }
    return user;
  }

  list(page: number): Promise<User[]> {
    return this.users.list(PAGE_SIZE, (page - 1) * PAGE_SIZE);
  }

  async register(input: NewUser): Promise<User> {
    const existing = await this.users.findByEmail(input.email);
    if (existing) throw new ConflictError(`${input.email} is already registered`);
    return this.users.insert(input);
  }

  async suspend(id: number): Promise<void> {
    const updated = await this.users.updateStatus(id, 'suspended');
    if (!updated) throw new NotFoundError('User', id);
  }
}
