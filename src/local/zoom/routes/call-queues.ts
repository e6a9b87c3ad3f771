import { isZoomError, zoomErrors } from '../errors.ts';
import { paginate } from '../pagination.ts';
import { ok, type Route } from './route.ts';

/** Call queues: the account's list, and each queue's members; auto receptionists, and each one's key map. */
export const callQueueRoutes: Route[] = [
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/auto_receptionists',
    handle: ({ account, params }) => {
      const page = paginate(
        [...account.autoReceptionists.values()],
        Number(params.page_size ?? 30),
        params.next_page_token,
        '',
      );
      if (isZoomError(page)) return page;
      const { items, ...rest } = page;
      return ok({
        ...rest,
        auto_receptionists: items.map((r) => ({
          id: r.id,
          name: r.name,
          extension_id: r.extensionId,
          extension_number: Number(r.extensionNumber),
          site: { id: r.siteId, name: account.site(r.siteId)?.name ?? '' },
          phone_numbers: [],
        })),
      });
    },
  },
  {
    doc: 'phone',
    method: 'GET',
    template: '/phone/auto_receptionists/{autoReceptionistId}/ivr',
    handle: ({ account, params }) => {
      const receptionist = account.autoReceptionists.get(String(params.autoReceptionistId));
      if (!receptionist) return zoomErrors.autoReceptionistNotFound(String(params.autoReceptionistId));
      const operator = receptionist.operatorId ? account.phoneUsers.get(receptionist.operatorId) : undefined;
      const user = receptionist.operatorId ? account.users.get(receptionist.operatorId) : undefined;
      return ok({
        key_actions:
          operator && user
            ? [
                {
                  key: '0',
                  action: 2,
                  target: {
                    extension_id: operator.extensionId,
                    extension_number: operator.extensionNumber,
                    display_name: `${user.firstName} ${user.lastName}`.trim(),
                  },
                },
              ]
            : [],
      });
    },
  },
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
