import type { Knex } from 'knex';
import type { NewUser, User, UserStatus } from '../models/user.js';

interface UserRow {
  id: number;
  email: string;
  name: string;
  status: UserStatus;
  created_at: Date;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  name: row.name,
  status: row.status,
  createdAt: row.created_at,
});

export class UserRepository {
  constructor(private readonly db: Knex) {}

  async findById(id: number): Promise<User | undefined> {
    const row = await this.db<UserRow>('users').where({ id }).first();
    return row && toUser(row);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.db<UserRow>('users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first();
    return row && toUser(row);
  }

  async list(limit: number, offset: number): Promise<User[]> {
    const rows = await this.db<UserRow>('users').orderBy('id').limit(limit).offset(offset);
    return rows.map(toUser);
  }

  async insert(user: NewUser): Promise<User> {
    const [row] = await this.db('users')
      .insert({ email: user.email, name: user.name, status: 'active' })
      .returning<UserRow[]>('*');
    return toUser(row);
  }

  async updateStatus(id: number, status: UserStatus): Promise<boolean> {
    const updated = await this.db('users').where({ id }).update({ status });
    return updated > 0;
  }
}
