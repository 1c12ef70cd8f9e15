/** The text of every benchmark mail: a notification of the usual length. */
export const BODY =
  'Your order "Logo for a coffee shop" was delivered. Look at the delivery and accept it, or ask for a ' +
  'revision, within three days; after that it is accepted for you.\n\nPasar';
