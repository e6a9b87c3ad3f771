/**
 * The Zoom operations Switchboard calls, as `METHOD /path` with the documents' own path templates. Only these are
 * generated: the full Phone document makes a 3.9 MB type file that slows every type check.
 */
export const zoomOperations = {
  users: ['GET /users/{userId}', 'PATCH /users/{userId}', 'GET /users/{userId}/settings'],
  phone: [
    'GET /phone/users',
    'GET /phone/users/{userId}',
    'PATCH /phone/users/{userId}',
    'PUT /phone/users/batch',
    'POST /phone/users/batch',
    'GET /phone/calling_plans',
    'POST /phone/users/{userId}/calling_plans',
    'DELETE /phone/users/{userId}/calling_plans/{planType}',
    'GET /phone/numbers',
    'POST /phone/users/{userId}/phone_numbers',
    'DELETE /phone/users/{userId}/phone_numbers/{phoneNumberId}',
    'GET /phone/sites',
    'POST /phone/sites',
    'PATCH /phone/sites/{siteId}',
    'GET /phone/users/{userId}/settings',
    'PATCH /phone/users/{userId}/settings',
    'POST /phone/users/{userId}/settings/{settingType}',
    'PATCH /phone/users/{userId}/settings/{settingType}',
    'DELETE /phone/users/{userId}/settings/{settingType}',
    'GET /phone/emergency_addresses',
    'POST /phone/emergency_addresses',
    'GET /phone/devices',
    'POST /phone/devices',
    'DELETE /phone/devices/{deviceId}',
    'POST /phone/devices/{deviceId}/extensions',
    'DELETE /phone/devices/{deviceId}/extensions/{extensionId}',
    'GET /phone/users/{userId}/call_handling/settings',
    'PATCH /phone/users/{userId}/call_handling/settings/{hourType}',
    'GET /phone/users/{userId}/outbound_caller_id/customized_numbers',
    'POST /phone/users/{userId}/outbound_caller_id/customized_numbers',
    'GET /phone/extension/{extensionId}/inbound_blocked/rules',
    'POST /phone/extension/{extensionId}/inbound_blocked/rules',
    'DELETE /phone/extension/{extensionId}/inbound_blocked/rules',
    'GET /phone/call_queues',
    'GET /phone/call_queues/{callQueueId}/members',
    'GET /phone/auto_receptionists',
    'GET /phone/auto_receptionists/{autoReceptionistId}/ivr',
  ],
} as const;

export type ZoomApi = keyof typeof zoomOperations;
