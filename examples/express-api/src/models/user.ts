export type UserStatus = 'active' | 'suspended';

export interface User {
  id: number;
  email: string;
  name: string;
  status: UserStatus;
  createdAt: Date;
}

export type NewUser = Pick<User, 'email' | 'name'>;
