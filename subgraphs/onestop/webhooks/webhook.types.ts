import { Field, InputType, ObjectType } from 'type-graphql';
import { Webhook } from './webhook.entity';

@InputType({ description: 'Where to push which dossier events.' })
export class WebhookInput {
  @Field(() => String, { description: 'An http:// or https:// URL whose host the province allows (HUB_WEBHOOK_ALLOW).' })
  url!: string;

  @Field(() => [String], { description: 'The CloudEvents types to receive: vn.motcua.dossier.received, handed-over, accepted, supplement-requested, resolved, returned, status-changed.' })
  events!: string[];
}

@ObjectType({ description: 'A webhook just registered, with the secret its deliveries are signed with: shown this once.' })
export class WebhookRegistration {
  @Field(() => String, { description: 'The Standard Webhooks signing secret, whsec_<base64 key>; the hub never shows it again.' })
  secret: string;

  @Field(() => Webhook, { description: 'The webhook registered.' })
  webhook: Webhook;

  constructor(secret: string, webhook: Webhook) {
    this.secret = secret;
    this.webhook = webhook;
  }
}
