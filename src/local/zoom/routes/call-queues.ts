import { isZoomError, zoomErrors } from '../errors.ts';
import { paginate } from '../pagination.ts';
import { ok, type Route } from './route.ts';

/** Call queues: the account's list, and each queue's members. */
export const callQueueRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/call_queues',
    handle: ({ account, params }) => {
      const all = [...account.callQueues.values()].filter(
        (q) => params.site_id === undefined || q.siteId === params.site_id,
      );
      const page = paginate(
        all,
        Number(params.page_size ?? 30),
        params.next_page_token,
        String(params.site_id),
      );
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({
        ...rest,
        call_queues: items.map((q) => ({
          id: q.id,
          name: q.name,
          extension_id: q.extensionId,
          extension_number: Number(q.extensionNumber),
          site: { id: q.siteId, name: account.site(q.siteId)?.name ?? '' },
          status: 'active',
          phone_numbers: [],
        })),
      });
    },
  },
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/call_queues/{callQueueId}/members',
    handle: ({ account, params }) => {
      const queue = account.callQueues.get(String(params.callQueueId));
      if (!queue) return zoomErrors.callQueueNotFound(String(params.callQueueId));
      const members = queue.memberIds.flatMap((userId) => {
        const user = account.users.get(userId);
        const line = account.phoneUsers.get(userId);
        if (!user || !line) return [];
        return [
          {
            id: userId,
            name: `${user.firstName} ${user.lastName}`.trim(),
            level: 'user',
            receive_call: true,
            extension_id: line.extensionId,
          },
        ];
      });
      return ok({
        call_queue_members: members,
        next_page_token: '',
        page_size: 300,
        total_records: members.length,
      });
    },
  },
];
