// Widgets for the offline demo: "show my order" answers with an order card (Track is a
// `streaming: false` action answered by `demoSyncAction`, Cancel a streamed action that
// updates the card and replies), "book a table" with a booking form whose submit
// confirms the booking. Action payloads come from the browser: every field is checked.
import type { ThreadItem, ThreadMetadata, WidgetRoot } from '@chat-widget/protocol';
import type { RespondContext, ResponderOutput } from './responder.js';

type Node = Record<string, unknown>;
const root = (tree: Node) => tree as unknown as WidgetRoot;

const ORDER = { id: 'A-1001', item: 'Pour-over kit', price: '€39.00' } as const;

function orderCard(state: 'processing' | 'in_transit' | 'cancelled'): WidgetRoot {
  const badge = {
    processing: { label: 'Processing', color: 'info' },
    in_transit: { label: 'In transit', color: 'warning' },
    cancelled: { label: 'Cancelled', color: 'danger' },
  }[state];
  const caption = {
    processing: 'Placed today · ships within 24 h',
    in_transit: 'Out for delivery · arrives tomorrow before noon',
    cancelled: 'Cancelled at your request · refund on its way',
  }[state];
  const payload = { order_id: ORDER.id };
  const children: Node[] = [
    {
      type: 'Row',
      gap: 3,
      align: 'center',
      children: [
        { type: 'Icon', name: 'cube', size: 'xl', color: 'secondary' },
        {
          type: 'Col',
          flex: 1,
          gap: 0,
          children: [
            { type: 'Title', value: `Order ${ORDER.id}`, size: 'sm' },
            { id: 'order-caption', type: 'Caption', value: caption },
          ],
        },
        { id: 'order-status', type: 'Badge', label: badge.label, color: badge.color, pill: true },
      ],
    },
    { type: 'Divider', spacing: 2 },
    {
      type: 'Row',
      justify: 'between',
      children: [
        { type: 'Text', value: `1 × ${ORDER.item}`, size: 'sm' },
        { type: 'Text', value: ORDER.price, size: 'sm', weight: 'semibold' },
      ],
    },
  ];
  if (state !== 'cancelled') {
    children.push({
      type: 'Row',
      justify: 'end',
      gap: 2,
      children: [
        {
          id: 'track-button',
          type: 'Button',
          label: 'Track',
          iconStart: 'map-pin',
          variant: 'outline',
          onClickAction: {
            type: 'order.track',
            payload,
            loadingBehavior: 'self',
            streaming: false,
          },
        },
        {
          id: 'cancel-button',
          type: 'Button',
          label: 'Cancel',
          color: 'danger',
          variant: 'soft',
          onClickAction: { type: 'order.cancel', payload },
        },
      ],
    });
  }
  return root({
    id: 'order-card',
    type: 'Card',
    size: 'md',
    status: { text: 'Demo shop', icon: 'suitcase' },
    children,
  });
}

const SEATING = [
  { value: 'inside', label: 'Inside' },
  { value: 'terrace', label: 'Terrace' },
];

function bookingForm(): WidgetRoot {
  return root({
    id: 'booking-card',
    type: 'Card',
    size: 'md',
    status: { text: 'Demo bistro', icon: 'calendar' },
    children: [
      {
        id: 'booking-form',
        type: 'Form',
        direction: 'col',
        gap: 2,
        onSubmitAction: { type: 'booking.submit', payload: { restaurant: 'Demo bistro' } },
        children: [
          { type: 'Title', value: 'Book a table', size: 'sm' },
          { type: 'Label', value: 'Name', fieldName: 'name' },
          { type: 'Input', name: 'name', required: true, placeholder: 'Your name' },
          { type: 'Label', value: 'Guests', fieldName: 'guests' },
          {
            type: 'Select',
            name: 'guests',
            defaultValue: '2',
            options: ['1', '2', '3', '4', '5', '6'].map((n) => ({ value: n, label: n })),
          },
          { type: 'Label', value: 'Date', fieldName: 'date' },
          { type: 'DatePicker', name: 'date', placeholder: 'Date' },
          {
            type: 'RadioGroup',
            name: 'seating',
            ariaLabel: 'Seating',
            direction: 'row',
            defaultValue: 'inside',
            options: SEATING,
          },
          { type: 'Checkbox', name: 'reminder', label: 'Email me a reminder' },
          { type: 'Button', submit: true, label: 'Book table', style: 'primary', block: true },
        ],
      },
    ],
  });
}

/** The booking the form sent, or null when a field is missing or not one we offer. */
function readBooking(payload: unknown) {
  const p = (payload ?? {}) as Record<string, unknown>;
  const name = typeof p.name === 'string' ? p.name.trim().slice(0, 80) : '';
  const guests = typeof p.guests === 'string' && /^[1-6]$/.test(p.guests) ? p.guests : null;
  const date = typeof p.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p.date) ? p.date : null;
  const seating = SEATING.find((s) => s.value === p.seating)?.label ?? 'Inside';
  if (!name || !guests) return null;
  return { name, guests, date, seating, reminder: p.reminder === true };
}

function bookedCard(booking: NonNullable<ReturnType<typeof readBooking>>): WidgetRoot {
  const when = booking.date ?? 'a date we will confirm by email';
  return root({
    id: 'booking-card',
    type: 'Card',
    size: 'md',
    status: { text: 'Demo bistro', icon: 'calendar' },
    children: [
      {
        type: 'Row',
        justify: 'between',
        align: 'center',
        children: [
          { type: 'Title', value: 'Table booked', size: 'sm' },
          { type: 'Badge', label: 'Confirmed', color: 'success', pill: true },
        ],
      },
      {
        type: 'Text',
        value: `${booking.name}, ${booking.guests} guest${booking.guests === '1' ? '' : 's'}, ${booking.seating.toLowerCase()}, on ${when}.`,
      },
      ...(booking.reminder
        ? [{ type: 'Caption', value: 'We will email you a reminder the day before.' }]
        : []),
    ],
  });
}

/** The widget answer to a demo prompt ("show my order", "book a table"), or null. */
export function demoWidgetReply(text: string): ResponderOutput[] | null {
  if (/\b(show|track|where is) my order\b/i.test(text))
    return [
      'Here is your latest order:',
      { type: 'widget', widget: orderCard('processing'), copy_text: `Order ${ORDER.id}` },
    ];
  if (/\bbook a table\b/i.test(text))
    return [
      'Sure, fill this in and I will book it:',
      { type: 'widget', widget: bookingForm(), copy_text: 'Booking form' },
    ];
  return null;
}

/** Streams the answer to a demo widget's action, or returns null for other actions. */
export function demoWidgetAction(context: RespondContext): ResponderOutput[] | null {
  const item = context.actionItem;
  if (!context.action || item?.type !== 'widget') return null;
  switch (context.action.type) {
    case 'order.cancel':
      return [
        { type: 'widget_update', item_id: item.id, widget: orderCard('cancelled') },
        `Order ${ORDER.id} is cancelled; the refund of ${ORDER.price} is on its way.`,
      ];
    case 'booking.submit': {
      const booking = readBooking(context.action.payload);
      if (!booking) return ['Please give a name and a number of guests.'];
      return [
        { type: 'widget_update', item_id: item.id, widget: bookedCard(booking) },
        `Done: a table for ${booking.guests} at the Demo bistro.`,
      ];
    }
    default:
      return null;
  }
}

/** `syncAction` for the demo handler: Track answers the order card in transit. */
export async function demoSyncAction(context: {
  thread: ThreadMetadata;
  action: { type: string; payload?: unknown };
  item: ThreadItem | undefined;
}): Promise<ThreadItem | undefined> {
  const item = context.item;
  if (context.action.type !== 'order.track' || item?.type !== 'widget') return undefined;
  // A cancelled order (its card has no Track button any more) is not tracked.
  if (!JSON.stringify(item.widget).includes('"order.track"')) return undefined;
  return { ...item, widget: orderCard('in_transit') };
}
