import { migrateSubgraph, runMain } from '@leifeng/kit';
import { identityModule } from './module';
import { registerServiceClients } from './service-clients';

runMain(
  async () => {
    await migrateSubgraph(identityModule);
    const clients = await registerServiceClients(identityModule.config, process.env);
    if (clients.length) console.log(JSON.stringify({ msg: 'service clients registered', clients }));
  },
  { exitWhenDone: true },
);
