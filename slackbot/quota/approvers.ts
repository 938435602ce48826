// Who decides a team's quota requests, from the policy: Slack user ids (U…/W…), user groups (S…, their members)
// and channels (C…, their members). Cards go to each listed user and group member by DM, and to each channel.
import type { webApi } from '@slack/bolt';
import type { Policy } from '../../core';

const MAX_PAGES = 20;

function approversOf(policy: Policy, team: string): string[] {
  return policy.teams[team]?.approvers ?? [];
}

async function groupMembers(client: webApi.WebClient, usergroup: string): Promise<string[]> {
  const result = await client.usergroups.users.list({ usergroup });
  return result.users ?? [];
}

async function channelMembers(client: webApi.WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.conversations.members({ channel, cursor, limit: 1000 });
    members.push(...(result.members ?? []));
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return members;
}

/** Whether `userId` is one of the team's approvers, directly, through a user group or as a member of a channel. */
export async function isApprover(
  client: webApi.WebClient,
  policy: Policy,
  team: string,
  userId: string,
): Promise<boolean> {
  const approvers = approversOf(policy, team);
  if (approvers.includes(userId)) return true;
  for (const approver of approvers) {
    if (approver.startsWith('S') && (await groupMembers(client, approver)).includes(userId)) return true;
    if (approver.startsWith('C') && (await channelMembers(client, approver)).includes(userId)) return true;
  }
  return false;
}

/** Where a team's approval cards go: a DM to each approving user (group members included), and each channel. */
export async function cardDestinations(client: webApi.WebClient, policy: Policy, team: string): Promise<string[]> {
  const destinations = new Set<string>();
  for (const approver of approversOf(policy, team)) {
    if (approver.startsWith('S')) for (const member of await groupMembers(client, approver)) destinations.add(member);
    else destinations.add(approver);
  }
  return [...destinations];
}
