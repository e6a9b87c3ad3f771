import { zoomErrors } from '../errors.ts';
import { noContent, ok, type Route } from './route.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The Users API: the person behind a phone user, and the switch that gives them Zoom Phone. */
export const userRoutes: Route[] = [
  {
    doc: 'users',
    method: 'GET',
    template: '/users/{userId}',
    handle: ({ account, params, accountId }) => {
      const user = account.findUser(String(params.userId));
      if (!user) return zoomErrors.userNotFound(String(params.userId));
      return ok({
        id: user.id,
        first_name: user.firstName,
        last_name: user.lastName,
        display_name: `${user.firstName} ${user.lastName}`.trim(),
        email: user.email,
        type: 2,
        status: 'active',
        role_name: 'Member',
        dept: '',
        timezone: 'America/Los_Angeles',
        language: 'en-US',
        verified: 1,
        account_id: accountId,
        created_at: iso(user.createdAt),
        user_created_at: iso(user.createdAt),
      });
    },
  },
  {
    // Only the part of a user's settings the phone line depends on: whether Zoom Phone is on for them.
    doc: 'users',
    method: 'GET',
    template: '/users/{userId}/settings',
    handle: ({ account, params }) => {
      const user = account.findUser(String(params.userId));
      if (!user) return zoomErrors.userNotFound(String(params.userId));
      return ok({ feature: { zoom_phone: user.zoomPhone } });
    },
  },
  {
    doc: 'users',
    method: 'PATCH',
    template: '/users/{userId}',
    handle: ({ account, params, body }) => {
      const user = account.findUser(String(params.userId));
      if (!user) return zoomErrors.userNotFound(String(params.userId));
      if (typeof body?.first_name === 'string') user.firstName = body.first_name;
      if (typeof body?.last_name === 'string') user.lastName = body.last_name;
      const zoomPhone = body?.feature?.zoom_phone;
      if (typeof zoomPhone === 'boolean') account.setZoomPhone(user, zoomPhone);
      return noContent();
    },
  },
];
