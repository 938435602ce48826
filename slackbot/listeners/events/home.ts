// App Home: the viewer's month and their team's (the policy's team listing them, else the team their events carry).
import type { webApi } from '@slack/bolt';
import { homeView } from '../../blocks/home';
import { pendingRequestBlocks } from '../../blocks/pending';
import { spendContext, teamOf, type BotContext } from '../../context';
import { spendReport } from '../../spend/report';

export async function publishHome(client: webApi.WebClient, userId: string, bot: BotContext): Promise<void> {
  const context = spendContext(bot, client);
  const mine = await spendReport(
    { filter: { dimension: 'user', value: userId }, range: 'month', by: 'team', public: false },
    context,
  );
  const teamName = teamOf(bot.policy, userId) ?? mine.breakdown.find((item) => item.key !== '')?.key;
  const team = teamName
    ? {
        name: teamName,
        report: await spendReport(
          { filter: { dimension: 'team', value: teamName }, range: 'month', by: 'user', public: false },
          context,
        ),
      }
    : undefined;
  const view = homeView({ mine, team });
  const pending = pendingRequestBlocks(await bot.store.quotaRequests({ requester: userId, status: 'pending' }));
  await client.views.publish({ user_id: userId, view: { ...view, blocks: [...view.blocks, ...pending] } });
}
