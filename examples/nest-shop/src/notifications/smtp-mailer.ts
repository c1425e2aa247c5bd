import { Injectable } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Mailer } from './mailer';

@Injectable()
export class SmtpMailer implements Mailer {
  private readonly transport = createTransport({ url: process.env.SMTP_URL });

  async send(to: string, subject: string, body: string): Promise<void> {
    await this.transport.sendMail({ to, subject, text: body });
  }
}
