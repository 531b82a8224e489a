/** Small questions in the style of the course, shared by the quiz tests. */
import type { MultipleQuestion, OrderQuestion, PickNodeQuestion, PredictQuestion, SingleQuestion, TextQuestion } from '../../src/quiz/types';

export const dnsSingle: SingleQuestion = {
  id: 'dns#q1',
  kind: 'single',
  prompt: 'www.foobar.com points to 8.8.8.8. What type of DNS record is www?',
  choices: [
    { text: 'A', correct: true, feedback: 'Yes: an A record maps a name to an IPv4 address.' },
    { text: 'CNAME', feedback: 'A CNAME points to another name, never to an IP address.', misconception: 1 },
    { text: 'MX', feedback: 'MX names the mail servers of a domain.' },
    { text: 'TXT' },
  ],
  explain: 'An A record maps a name to an IPv4 address, which is what www does here.',
};

export const spofMultiple: MultipleQuestion = {
  id: 'spof#q2',
  kind: 'multiple',
  prompt: 'Which are single points of failure in the three-server design?',
  choices: [
    { text: 'The load balancer', correct: true },
    { text: 'The MySQL primary', correct: true, feedback: 'Writes stop when it dies.' },
    { text: 'web-2', feedback: 'web-1 still serves if web-2 dies: the LB routes around it.' },
    { text: 'The replica', feedback: 'Replicas only serve reads; the LB does not balance to it.', misconception: 4 },
  ],
  explain: 'Anything that exists once and everything depends on is a SPOF.',
};

export const requestOrder: OrderQuestion = {
  id: 'path#q3',
  kind: 'order',
  prompt: 'Put the request path in order.',
  items: ['Browser', 'DNS resolver', 'Load balancer', 'Web server', 'App server', 'Database'],
  mistakes: [
    { before: 'DNS resolver', after: 'Load balancer', feedback: 'The browser must learn the IP (DNS) before it can connect to anything.', misconception: 11 },
    { before: 'App server', after: 'Database', feedback: 'The web server never talks to MySQL; the app server does.' },
  ],
  explain: 'Name → IP, then HTTP through the LB to a web server, which hands dynamic work to the app, which queries the DB.',
};

export const lampText: TextQuestion = {
  id: 'lamp#q4',
  kind: 'text',
  prompt: 'What is the usual name of a stack of Linux, Nginx, MySQL and PHP?',
  accept: ['LEMP', 'LEMP stack'],
  wrong: [{ answer: 'LAMP', feedback: 'LAMP names Apache. With Nginx ("engine-x") it is LEMP.', misconception: 9 }],
  explain: 'L-E-M-P: Linux, (E)Nginx, MySQL, PHP.',
};

export const replicaText: TextQuestion = {
  id: 'repl#q5',
  kind: 'text',
  prompt: 'What is a MySQL copy that follows the primary and only serves reads called?',
  accept: ['replica', 'read replica', 'slave'],
  explain: 'A replica applies the primary’s changes and is read-only.',
};

export const aRecordText: TextQuestion = {
  id: 'dns#q6',
  kind: 'text',
  prompt: 'Which record type maps a name to an IPv4 address?',
  accept: ['A', 'A record'],
  wrong: [{ answer: 'CNAME', feedback: 'A CNAME points to another name.', misconception: 1 }],
  explain: 'A for address.',
};

export const spofPick: PickNodeQuestion = {
  id: 'pick#q7',
  kind: 'pick-node',
  scenario: 'distributed',
  prompt: 'Pick the single point of failure for HTTP traffic.',
  answer: ['lb-1'],
  feedback: { 'web-1': 'If web-1 dies, web-2 still serves.', 'lb-1': 'Yes: everything goes through it.' },
  explain: 'The lone load balancer.',
};

export const predictKill: PredictQuestion = {
  id: 'predict#q8',
  kind: 'predict',
  scenario: 'distributed',
  prompt: 'web-1 dies at 10 s. What does the LB do?',
  choices: [
    { text: 'Marks it down after 3 failed checks (~6 s) and sends all to web-2', correct: true },
    { text: 'Moves the VIP', feedback: 'There is only one LB here; no VRRP.' },
  ],
  at: ['10:kill:web-1'],
  explain: 'HAProxy checks every 2 s; fall 3.',
};

export const shuffledSingle: SingleQuestion = { ...dnsSingle, id: 'dns#shuffled', shuffle: true };
