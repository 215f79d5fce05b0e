/** Notification UI texts (namespace "notify", loaded with the message center, the settings and the admin page). */
import type zh from "./zh";

const en: typeof zh = {
  tabs: { unread: "Unread", read: "Read", all: "All" },
  urgency: { high: "High", medium: "Medium", low: "Low" },
  ago: { now: "just now", minutes: "{{count}} min ago", hours: "{{count}} h ago", days: "{{count}} d ago" },
  bell: {
    title: "Notifications", markAllRead: "Mark all read", allRead: "All marked read", center: "All messages",
    empty: { unread: "No unread messages", read: "No read messages", all: "No messages" }, loadMore: "Load more",
    loadFailed: "Messages could not be loaded",
  },
  center: { title: "Messages", settings: "Notification settings" },
  settings: {
    title: "Notification settings",
    hint: "Choose the channels each kind of notification reaches you by. None ticked: the app's default channels; high-urgency notifications always follow the app's settings.",
    event: "Notification", noEvents: "No notifications to subscribe to",
    quiet: "Quiet hours", quietOn: "Quiet hours on",
    quietHint: "Notifications that are not urgent wait until the quiet hours end.",
    start: "Start", end: "End", saved: "Notification settings saved", quietMissing: "Pick the start and end of the quiet hours",
  },
  admin: {
    title: "Notifications", forbidden: "Only administrators manage notifications",
    tabs: { channels: "Channels", templates: "Templates", deliveries: "Delivery log" },
  },
  channels: {
    add: "Add channel", edit: "Edit channel \"{{name}}\"", name: "Name", type: "Type", label: "Display name",
    enabled: "Enabled", disabled: "Disabled", sent: "Sent (7 d)", failed: "Failed (7 d)", updated: "Updated",
    config: "Configuration", nameHint: "Used by the routing; lower-case letters, digits and underscores",
    nameInvalid: "A name is lower-case letters, digits and underscores, starting with a letter",
    nameTaken: "There is already a channel named \"{{name}}\"",
    secretSet: "set, leave empty to keep", secretEmpty: "not set", saved: "Channel \"{{name}}\" saved",
    deleteConfirm: "Delete the channel \"{{name}}\"?", deleted: "Channel \"{{name}}\" deleted", empty: "No channels configured yet",
    test: "Send test", testTitle: "Send a test through \"{{name}}\"", testTo: "Address", testToHint: "Empty: to yourself",
    testSend: "Send", testResult: "Delivery", addEntry: "Add an entry", key: "Key", value: "Value",
    noConfig: "This type has nothing to configure", notInstalled: "type not installed",
    unreadable: "configuration unreadable (key changed?)",
    address: { email: "Email address", mobile: "Mobile number", user: "User id", wecom: "WeCom account", dingtalk: "DingTalk account" },
  },
  templates: {
    add: "New template", key: "Key", label: "Name", form: "Form", urgency: "Urgency", noForm: "(no form)",
    subject: "Subject", body: "Body", html: "HTML body (email, optional)", zh: "Chinese", en: "English", status: "Status",
    draft: "Draft", published: "Published v{{version}}", saveDraft: "Save draft", publish: "Publish", saved: "Draft saved",
    publishedOk: "Template published (version {{version}})", variants: "Per channel", addVariant: "Add a channel variant",
    variantHint: "Empty parts use the common texts above", removeVariant: "Remove",
    preview: "Preview", record: "Record", recordHint: "Pick a record", channel: "Channel", lang: "Language", render: "Preview",
    noChannel: "(common texts)", rendered: "Rendered", previewError: "The template is wrong", needForm: "Pick the template's form first",
    keyHint: "Lower-case letters, digits and underscores, starting with a letter",
    keyInvalid: "A key is lower-case letters, digits and underscores, starting with a letter",
    required: "{{what}} is required", empty: "No templates yet", newTitle: "New template", editTitle: "Edit template \"{{name}}\"",
    variables: "Variables: record.<field id>, related, recipient.name, app, link, now",
  },
  deliveries: {
    channel: "Channel", state: "State", allChannels: "All channels", allStates: "All states", to: "To", subject: "Subject",
    attempts: "Attempts", error: "Error", created: "Created", sentAt: "Sent", latency: "Latency",
    event: "Notification", note: "Note", record: "Record", empty: "No deliveries yet", log: "Attempts", attempt: "Attempt {{n}}",
    at: "At", status: "Result", answer: "Answer", body: "Body", loadMore: "Load more", ms: "{{n}} ms",
  },
  record: { empty: "No messages about this record yet", to: "to" },
  state: { queued: "Queued", held: "Held", sending: "Sending", retrying: "To retry", sent: "Sent", failed: "Failed", skipped: "Skipped" },
};

export default en;
