/**
 * OPS-6, OPS-8: the strings of reason templates, internal notes and decision confirmations, in English and
 * Indonesian; en.ts and id.ts spread them into their catalogues.
 */
const ACTIONS_EN = {
  'refund.approve': 'Refund: approve in full',
  'refund.approve_partial': 'Refund: approve in part',
  'refund.reject': 'Refund: reject',
  'escalation.decide': 'Escalation: decide',
  'dispute.approve_award': 'Dispute: approve award',
  'dispute.refuse_award': 'Dispute: refuse award',
  'dispute.arbitration': 'Dispute: arbitration',
  'seller_application.approve': 'Seller application: approve',
  'seller_application.reject': 'Seller application: reject',
  'seller_application.request_changes': 'Seller application: ask for changes',
  'identity_check.approve': 'Identity check: approve',
  'identity_check.reject': 'Identity check: reject',
  'warning.issue': 'Warning: issue',
  'payout.refuse': 'Payout: refuse',
  'payout.fail': 'Payout: mark failed',
  'report.dismiss': 'Report: dismiss',
  'report.warn': 'Report: warn',
  'report.remove_service': 'Report: take service off sale',
  'report.block': 'Report: block',
  'service_review.approve': 'Service review: approve',
  'service_review.reject': 'Service review: reject',
  'user.block': 'User: block',
  'user.lift_suspension': 'User: lift suspension',
};
const ACTIONS_ID: typeof ACTIONS_EN = {
  'refund.approve': 'Pengembalian dana: setujui penuh',
  'refund.approve_partial': 'Pengembalian dana: setujui sebagian',
  'refund.reject': 'Pengembalian dana: tolak',
  'escalation.decide': 'Eskalasi: putuskan',
  'dispute.approve_award': 'Sengketa: setujui putusan',
  'dispute.refuse_award': 'Sengketa: tolak putusan',
  'dispute.arbitration': 'Sengketa: arbitrase',
  'seller_application.approve': 'Pendaftaran penjual: setujui',
  'seller_application.reject': 'Pendaftaran penjual: tolak',
  'seller_application.request_changes': 'Pendaftaran penjual: minta perubahan',
  'identity_check.approve': 'Verifikasi identitas: setujui',
  'identity_check.reject': 'Verifikasi identitas: tolak',
  'warning.issue': 'Peringatan: berikan',
  'payout.refuse': 'Pencairan: tolak',
  'payout.fail': 'Pencairan: tandai gagal',
  'report.dismiss': 'Laporan: abaikan',
  'report.warn': 'Laporan: beri peringatan',
  'report.remove_service': 'Laporan: hentikan penjualan layanan',
  'report.block': 'Laporan: blokir',
  'service_review.approve': 'Tinjauan layanan: setujui',
  'service_review.reject': 'Tinjauan layanan: tolak',
  'user.block': 'Pengguna: blokir',
  'user.lift_suspension': 'Pengguna: cabut penangguhan',
};

export const decisionsEn = {
  resources: {
    'reason-templates': {
      name: 'Reason template |||| Reason templates',
      fields: {
        action: 'Decision',
        name: 'Name',
        bodyEn: 'Text in English',
        bodyId: 'Text in Indonesian',
        active: 'Offered in dialogs',
        updatedAt: 'Changed',
        q: 'Search',
      },
      action_names: ACTIONS_EN,
      insert: 'Insert a reason template',
      language: 'Template language',
      helper: 'Staff insert this text into the reason and may edit it before sending; both parties read it.',
    },
  },
  decisions: {
    notes: {
      title: 'Internal notes',
      hint: 'Staff only: never shown to the buyer or the seller. Every note is audited.',
      add: 'Add note',
      label: 'New internal note',
      empty: 'No internal notes yet.',
      added: 'Note added',
      in_timeline: 'Internal notes stand in the timeline of this case, marked "Internal note".',
      entry: 'Internal note',
      history: 'History of this case',
    },
    bulk: {
      title: 'Approve %{count} payouts?',
      summary: 'Selected: %{count} payouts, %{total} in all.',
      flagged_hint:
        '%{flagged} flagged payouts are left out unless you tick them again.' +
        ' Ticked now: %{ticked} payouts, %{total}.',
      none_flagged: 'No selected payout is flagged. Ticked: %{ticked} payouts, %{total}.',
      include: 'Include',
      seller: 'Seller',
      amount: 'Amount',
      flags: 'Flags',
      not_approvable: 'You cannot approve this one now',
      confirm: 'Approve %{count} (%{total})',
      loading: 'Checking the selected payouts…',
    },
    award: {
      preview:
        'Approving pays %{toBuyer} to %{buyer} (buyer) and %{toSeller} to %{seller} (seller), %{commission}' +
        ' commission. The award favours %{recipient}.',
      fee_returned: 'Arbitration fee returned to the %{role}: %{amount}.',
    },
    escalation: {
      not_seller_fault: "Not the seller's fault (SEL-5)",
      not_seller_fault_helper: "Yes: this cancellation does not count against the seller's completion rate.",
    },
    refund: {
      amount_first: 'Type the amount to see what the refund would post.',
    },
  },
};

export const decisionsId: typeof decisionsEn = {
  resources: {
    'reason-templates': {
      name: 'Templat alasan |||| Templat alasan',
      fields: {
        action: 'Keputusan',
        name: 'Nama',
        bodyEn: 'Teks bahasa Inggris',
        bodyId: 'Teks bahasa Indonesia',
        active: 'Ditawarkan di dialog',
        updatedAt: 'Diubah',
        q: 'Cari',
      },
      action_names: ACTIONS_ID,
      insert: 'Sisipkan templat alasan',
      language: 'Bahasa templat',
      helper:
        'Staf menyisipkan teks ini ke alasan dan dapat mengubahnya sebelum dikirim; kedua pihak membacanya.',
    },
  },
  decisions: {
    notes: {
      title: 'Catatan internal',
      hint: 'Hanya untuk staf: tidak pernah ditampilkan kepada pembeli atau penjual. Setiap catatan diaudit.',
      add: 'Tambah catatan',
      label: 'Catatan internal baru',
      empty: 'Belum ada catatan internal.',
      added: 'Catatan ditambahkan',
      in_timeline: 'Catatan internal tampil di linimasa kasus ini, ditandai "Catatan internal".',
      entry: 'Catatan internal',
      history: 'Riwayat kasus ini',
    },
    bulk: {
      title: 'Setujui %{count} pencairan?',
      summary: 'Dipilih: %{count} pencairan, total %{total}.',
      flagged_hint:
        '%{flagged} pencairan bertanda tidak diikutkan kecuali Anda mencentangnya' +
        ' lagi. Dicentang: %{ticked}' +
        ' pencairan, %{total}.',
      none_flagged: 'Tidak ada pencairan terpilih yang bertanda. Dicentang: %{ticked} pencairan, %{total}.',
      include: 'Ikutkan',
      seller: 'Penjual',
      amount: 'Jumlah',
      flags: 'Tanda',
      not_approvable: 'Anda tidak dapat menyetujui yang ini sekarang',
      confirm: 'Setujui %{count} (%{total})',
      loading: 'Memeriksa pencairan yang dipilih…',
    },
    award: {
      preview:
        'Persetujuan membayar %{toBuyer} kepada %{buyer} (pembeli) dan' +
        ' %{toSeller} kepada %{seller} (penjual),' +
        ' komisi %{commission}. Putusan memihak %{recipient}.',
      fee_returned: 'Biaya arbitrase dikembalikan kepada %{role}: %{amount}.',
    },
    escalation: {
      not_seller_fault: 'Bukan kesalahan penjual (SEL-5)',
      not_seller_fault_helper: 'Ya: pembatalan ini tidak mengurangi tingkat penyelesaian penjual.',
    },
    refund: {
      amount_first: 'Ketik jumlahnya untuk melihat apa yang akan dibukukan pengembalian dana ini.',
    },
  },
};
