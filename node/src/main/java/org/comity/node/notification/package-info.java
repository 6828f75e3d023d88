/**
 * Telling people: e-mail through the SMTP server the operator configures, for the 24/7 channel
 * (Budapest Convention Art. 35). An urgent request delivered to this node's authority is announced
 * at once; an acknowledgement deadline coming due is a reminder; one that passes is escalated to the
 * point of contact's backup contacts and shows as an alarm on the inbox. E-mails are queued in the
 * transaction that decided them and sent by a worker, so a slow or absent mail server delays
 * nothing else.
 */
package org.comity.node.notification;
