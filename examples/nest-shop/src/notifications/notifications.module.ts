import { Module } from '@nestjs/common';
import { MAILER } from './mailer';
import { NotificationsService } from './notifications.service';
import { SmtpMailer } from './smtp-mailer';

@Module({
  providers: [NotificationsService, { provide: MAILER, useClass: SmtpMailer }],
  exports: [NotificationsService],
})
export class NotificationsModule {}
