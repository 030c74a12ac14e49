// Every callback command Tencent sends to the callback URL, one line each. Adding a command is one
// file under its family's folder and one line here; `npm run generate` then writes the types, the
// validators and the reference tables derived from this list.
export { default as officialAccountBeforeCreateOfficialAccount } from './official-account/before-create-official-account.js';
export { default as officialAccountAfterCreateOfficialAccount } from './official-account/after-create-official-account.js';
export { default as officialAccountAfterOfficialAccountInfoChanged } from './official-account/after-official-account-info-changed.js';
export { default as officialAccountAfterOfficialAccountDestroyed } from './official-account/after-official-account-destroyed.js';
export { default as officialAccountBeforeAddSubscriber } from './official-account/before-add-subscriber.js';
export { default as officialAccountAfterAddSubscriber } from './official-account/after-add-subscriber.js';
export { default as officialAccountAfterOfficialAccountFull } from './official-account/after-official-account-full.js';
export { default as officialAccountAfterDeleteSubscriber } from './official-account/after-delete-subscriber.js';
export { default as officialAccountBeforeSendMsg } from './official-account/before-send-msg.js';
export { default as officialAccountAfterSendMsg } from './official-account/after-send-msg.js';
export { default as officialAccountAfterMsgWithDraw } from './official-account/after-msg-with-draw.js';
