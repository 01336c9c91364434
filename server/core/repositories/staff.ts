// Staff users: plain async methods, null for not found, no HTTP in here. Emails are stored lower-case.
import type { DbOrTx } from '../lib/prisma.ts';
import type { ListQuery } from './list-query.ts';
import type { Role } from '../domain/roles.ts';
import { hashPassword } from '../lib/passwords.ts';

export interface StaffFilter { q?: string; role?: Role; active?: boolean; ids?: number[] }

const PUBLIC_FIELDS = { id: true, email: true, name: true, role: true, active: true, lastLoginAt: true, createdAt: true, mfaEnabledAt: true, canViewMessageMetadata: true } as const;

export function createStaffRepository(prisma: DbOrTx) {
  const where = (f: StaffFilter) => ({
    ...(f.ids ? { id: { in: f.ids } } : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(f.active === undefined ? {} : { active: f.active }),
    ...(f.q
      ? { OR: [{ email: { contains: f.q, mode: 'insensitive' as const } }, { name: { contains: f.q, mode: 'insensitive' as const } }] }
      : {}),
  });

  return {
    async list(query: ListQuery<StaffFilter>) {
      const [rows, total] = await Promise.all([
        prisma.staffUser.findMany({
          where: where(query.filter),
          orderBy: { [query.sortField]: query.sortOrder },
          skip: query.skip,
          take: query.take,
          select: PUBLIC_FIELDS,
        }),
        prisma.staffUser.count({ where: where(query.filter) }),
      ]);
      return { rows, total };
    },

    findById: (id: number) => prisma.staffUser.findUnique({ where: { id }, select: PUBLIC_FIELDS }),

    findForLogin: (email: string) => prisma.staffUser.findUnique({ where: { email: email.trim().toLowerCase() } }),

    /** The whole row, as findForLogin, by id: the MFA step of a login finishes with it. */
    findForLoginById: (id: number) => prisma.staffUser.findUnique({ where: { id } }),

    async create(data: { email: string; name: string; role: Role; password: string }) {
      return prisma.staffUser.create({
        data: { email: data.email.trim().toLowerCase(), name: data.name, role: data.role, passwordHash: await hashPassword(data.password) },
        select: PUBLIC_FIELDS,
      });
    },

    async update(id: number, data: { name?: string; role?: Role; active?: boolean; password?: string; canViewMessageMetadata?: boolean }) {
      const { password, ...rest } = data;
      const user = await prisma.staffUser.update({
        where: { id },
        data: { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
        select: PUBLIC_FIELDS,
      });
      // A new password ends every session of the account, whoever set it (the API or `npm run create-admin`):
      // a reset after a suspected leak must also throw out whoever is logged in with the old one.
      if (password) await prisma.session.deleteMany({ where: { staffId: id } });
      return user;
    },

    delete: (id: number) => prisma.staffUser.delete({ where: { id }, select: PUBLIC_FIELDS }),

    countActiveAdmins: () => prisma.staffUser.count({ where: { role: 'admin', active: true } }),

    touchLogin: (id: number) => prisma.staffUser.update({ where: { id }, data: { lastLoginAt: new Date() } }),
  };
}

export type StaffRepository = ReturnType<typeof createStaffRepository>;
