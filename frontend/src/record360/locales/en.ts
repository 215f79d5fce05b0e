/** The record 360's texts (namespace "record360"), English. */
const en = {
  activity: "Activity",
  figures: { title: "Key figures", empty: "—" },
  filter: { all: "All", change: "Changes", related: "Related records", message: "Messages", flow: "Flows", comment: "Comments" },
  empty: "No activity yet",
  loadMore: "Load more",
  system: "System",
  open: "Open",
  comment: {
    placeholder: "Write a comment; type @ to mention a colleague", send: "Comment", sent: "Comment posted", edit: "Edit",
    save: "Save", cancel: "Cancel", delete: "Delete", deleted: "Comment deleted", confirmDelete: "Delete this comment?",
    edited: "edited", saved: "Comment saved", tooLong: "A comment has at most {{max}} characters", mentioned: "Mentions",
    noUsers: "No users found",
  },
  action: { comment: "commented", comment_edit: "edited a comment", comment_delete: "deleted a comment" },
  count: "{{count}}",
};
export default en;
