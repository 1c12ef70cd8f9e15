import englishMessages from 'ra-language-english';
import type { en } from './en';
import indonesianMessages from 'ra-language-indonesian';

type Messages = { [key: string]: string | Messages };

/** ra-language-indonesian predates react-admin 5: keys it lacks fall back to English. */
function merge(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = typeof v === 'object' && typeof base[k] === 'object' ? merge(base[k], v) : v;
  }
  return out;
}

export const id: typeof en = {
  ...(merge(englishMessages as unknown as Messages, indonesianMessages as unknown as Messages) as unknown as typeof englishMessages),
  app: {
    action: { assign: 'Tugaskan', assign_to: 'Tugaskan ke', done: 'Selesai', confirm: 'Konfirmasi', claim: 'Ambil' },
    title: 'Kantor belakang Pasar',
    language: 'Bahasa',
    dashboard: {
      welcome: 'Selamat datang, %{name}',
      role: 'Anda masuk sebagai %{role}.',
      queues_later: 'Antrean kerja Anda muncul di menu saat dibuka untuk peran Anda.',
      support_queue: 'Antrean dukungan',
      refunds_open: 'Pengajuan refund: %{open} terbuka, %{overdue} terlambat',
      escalations_open: 'Pembatalan yang dieskalasi: %{open} terbuka, %{overdue} terlambat',
      trial_balance: 'Neraca saldo',
      ledger_ok: 'Buku besar seimbang: posting berjumlah nol, tidak ada akun di bawah nol (%{entries} entri).',
      ledger_broken: 'BUKU BESAR TIDAK SEIMBANG: posting berjumlah %{sum}, atau ada akun di bawah nol.',
      system: 'Sistem',
      database: 'Basis data',
      reachable: 'terhubung',
      unreachable: 'tidak terhubung',
      outbox_pending: 'Notifikasi menunggu dikirim',
      outbox_failed: 'Notifikasi gagal',
      server_time: 'Waktu server',
      reconciliation: 'Rekonsiliasi buku besar',
      reconciliation_none: 'Belum ada rekonsiliasi yang dijalankan.',
      reconciliation_ok: 'Direkonsiliasi pada %{at}: pembukuan seimbang (%{entries} jurnal), dana dalam penarikan sama dengan pembayaran terbuka, tidak ada dana ditahan di luar akun yang diblokir.',
      reconciliation_broken: 'REKONSILIASI GAGAL pada %{at}:',
      reconciliation_figures: 'Dalam penarikan %{withdrawing} · pembayaran terbuka %{open} · ditahan %{held}',
      reconcile_now: 'Rekonsiliasi sekarang',
      payouts_open: 'Pembayaran: %{open} terbuka, %{overdue} terlambat',
    },
  },
  roles: { admin: 'Admin', support: 'Dukungan', trust_safety: 'Kepercayaan & keamanan', finance: 'Keuangan' },
  resources: {
    'identity-checks': {
      name: 'Cek identitas |||| Cek identitas',
      status: { submitted: 'Menunggu', approved: 'Terverifikasi', rejected: 'Ditolak' },
      action: { approve: 'Foto cocok: verifikasi', reject: 'Tolak' },
      id_photo: 'Foto KTP / identitas', selfie: 'Swafoto', earlier: 'Pemeriksaan sebelumnya',
      fields: { id: 'ID', slaDueAt: 'Tenggat', userName: 'Pengguna', userEmail: 'Email', isSeller: 'Penjual', status: 'Status', submittedAt: 'Dikirim', userSince: 'Anggota sejak', decidedByName: 'Diputuskan oleh', decisionReason: 'Alasan keputusan', reason: 'Alasan (dibaca pengguna)', q: 'Cari' },
    },
    reports: {
      name: 'Laporan |||| Laporan',
      status: { open: 'Terbuka', dismissed: 'Diabaikan', actioned: 'Ditindak' },
      subject: { service: 'Jasa', user: 'Profil', message: 'Pesan' },
      reason: { scam_or_fraud: 'Penipuan', inappropriate_content: 'Konten tidak pantas', spam: 'Spam', contact_outside_platform: 'Kontak atau pembayaran di luar Pasar', copyright: 'Hak cipta', harassment: 'Pelecehan', other: 'Lainnya' },
      question: { happened_in_order: 'Terjadi dalam pesanan dengan pengguna ini?', asked_to_pay_outside: 'Diminta membayar atau berbicara di luar Pasar?', lost_money: 'Kehilangan uang?' },
      action: { dismiss: 'Abaikan', warn: 'Beri peringatan', remove_service: 'Hapus jasa', block: 'Blokir pengguna' },
      off_sale: 'Tidak dijual',
      fields: { id: 'ID', slaDueAt: 'Tenggat', subjectType: 'Subjek', subjectUserName: 'Pengguna dilaporkan', reason: 'Alasan', reporterName: 'Dilaporkan oleh', status: 'Status', createdAt: 'Dilaporkan', answers: 'Kuesioner', details: 'Rincian', decisionReason: 'Alasan keputusan' },
    },
    suspensions: {
      name: 'Penangguhan |||| Penangguhan aktif',
      fields: { name: 'Pengguna', email: 'Email', suspendedUntil: 'Sampai', identityVerifiedAt: 'Identitas terverifikasi', levelAfter: 'Perubahan level', warningType: 'Jenis peringatan', warningReason: 'Alasan', q: 'Cari' },
    },
    reviews: {
      name: 'Ulasan |||| Ulasan',
      action: { remove: 'Hapus' },
      fields: { id: 'ID', authorName: 'Penulis', subjectName: 'Tentang', communication: 'Bintang (komunikasi / sesuai deskripsi / rekomendasi)', text: 'Teks', createdAt: 'Ditulis', removedReason: 'Dihapus karena', reason: 'Alasan: ketentuan yang dilanggar (dibaca penulis)', q: 'Cari' },
    },
    withdrawals: {
      name: 'Pembayaran |||| Pembayaran',
      status: { pending: 'Menunggu', awaiting_second_approval: 'Menunggu persetujuan kedua', approved: 'Disetujui', exported: 'Dikirim ke bank', paid: 'Dibayar', rejected: 'Ditolak', failed: 'Gagal' },
      flag: { none: 'Tidak ada catatan', suspended: 'Akun ditangguhkan', blocked: 'Akun diblokir', under_dispute: 'Dalam sengketa', recent_warning: 'Diperingatkan dalam 30 hari terakhir', new_method: 'Pembayaran pertama ke rekening ini', held_release: 'Pencairan dana ditahan' },
      action: { approve: 'Setujui', second_approval: 'Beri persetujuan kedua', mark_paid: 'Tandai dibayar', reject: 'Tolak', mark_failed: 'Tandai gagal', bulk_approve: 'Setujui yang dipilih', export: 'Ekspor yang disetujui (CSV)' },
      bulk_done: '%{approved} disetujui, %{refused} ditolak.',
      exported: 'Batch %{batch} diekspor; pembayarannya ditandai sudah diekspor.',
      four_eyes: 'dua persetujuan',
      four_eyes_needed: 'Di atas %{threshold}: perlu dua penyetuju keuangan yang berbeda (WDR-6).',
      four_eyes_waiting: 'Persetujuan pertama oleh %{name}; pengguna keuangan lain harus memberi yang kedua (WDR-6).',
      balances: 'Saldo penjual', earlier: 'Pembayaran sebelumnya', history: 'Jurnal dan tindakan', context: 'Konteks',
      fields: { id: 'ID', slaDueAt: 'Tenggat', userName: 'Penjual', userEmail: 'Email', accountStatus: 'Akun', amount: 'Jumlah', method: 'Tujuan', methodFull: 'Tujuan', flags: 'Catatan', status: 'Status', createdAt: 'Diminta', firstApprovedName: 'Persetujuan pertama', approvedName: 'Disetujui oleh', batchId: 'Batch bank', bankReference: 'Referensi bank', reason: 'Alasan (dibaca penjual)', at: 'Waktu', what: 'Apa', q: 'Cari', open: 'Hanya yang terbuka', overdue: 'Terlambat' },
    },
    'held-funds': {
      name: 'Dana ditahan |||| Dana ditahan',
      action: { release: 'Cairkan ke pembayaran' },
      fields: { name: 'Pengguna', email: 'Email', status: 'Akun', held: 'Ditahan', blockedAt: 'Diblokir', releasableAt: 'Dapat dicairkan sejak', releasable: 'Dapat dicairkan sekarang', bank: 'Bank', accountNumber: 'Nomor rekening', holderName: 'Pemilik rekening', q: 'Cari' },
    },
    'seller-applications': {
      name: 'Pengajuan penjual |||| Pengajuan penjual',
      status: { submitted: 'Diajukan', changes_requested: 'Perlu perubahan', approved: 'Disetujui', rejected: 'Ditolak' },
      applicant: 'Pemohon', member_since: 'anggota sejak %{date}', history: 'Sebagai pembeli: %{orders} pesanan (%{completed} selesai) · %{warnings} peringatan · %{reports} laporan terhadapnya',
      identity_verified: 'Identitas terverifikasi', identity_unverified: 'Identitas belum terverifikasi',
      action: { approve: 'Setujui', request_changes: 'Minta perubahan', reject: 'Tolak' },
      fields: { id: 'ID', slaDueAt: 'Tenggat', userName: 'Pemohon', userEmail: 'Email', skills: 'Keahlian', status: 'Status', submittedAt: 'Diajukan', experience: 'Pengalaman', education: 'Pendidikan', about: 'Tentang', portfolio: 'Portofolio', portfolioFiles: 'Berkas portofolio', decisionReason: 'Alasan keputusan', reason: 'Alasan (dibaca pemohon)', q: 'Cari' },
    },
    disputes: {
      name: 'Sengketa |||| Sengketa',
      thread: 'Pernyataan',
      preview: 'Ini membayar %{buyer} ke kredit pembeli dan %{seller} ke penjual (%{commission} komisi); %{fee}.',
      fee_back_buyer: 'biaya arbitrase pembeli dikembalikan, milik penjual ditahan',
      fee_back_seller: 'biaya arbitrase penjual dikembalikan, milik pembeli ditahan',
      fee_back_none: 'pada 50/50 tidak ada biaya yang dikembalikan',
      stage: { negotiation: 'Negosiasi', awaiting_default_approval: 'Menunggu persetujuan (tanpa tanggapan)', final_offer: 'Penawaran akhir', awaiting_final_approval: 'Menunggu persetujuan (biaya belum dibayar)', arbitration: 'Arbitrase', closed: 'Ditutup' },
      action: { approve_award: 'Setujui putusan', refuse_award: 'Tolak putusan', decide: 'Putuskan pembagian' },
      fields: {
        id: 'ID', stage: 'Tahap', orderTitle: 'Pesanan', openerRole: 'Dibuka oleh', reason: 'Alasan', escrowAmount: 'Disengketakan (escrow)', escrowNow: 'Di escrow sekarang', openerAmount: 'Usulan pembuka untuk penjual',
        respondBy: 'Tanggapi sebelum', arbitrationFee: 'Biaya arbitrase', buyerFeePaid: 'Pembeli membayar biaya', sellerFeePaid: 'Penjual membayar biaya', feeDueAt: 'Batas biaya', outcome: 'Hasil', decisionReason: 'Alasan keputusan',
        offers: 'Penawaran', byRole: 'Oleh', sellerAmount: 'Untuk penjual', status: 'Status', createdAt: 'Waktu', slaDueAt: 'Tenggat', q: 'Cari', overdue: 'Hanya yang terlambat',
        buyerPercent: 'Pembeli %', sellerPercent: 'Penjual %',
      },
    },
    'support-cases': {
      name: 'Refund |||| Refund',
      assigned_to_me: 'Saya',
      status: { open: 'Terbuka', approved: 'Disetujui', partially_approved: 'Disetujui sebagian', rejected: 'Ditolak', decided: 'Diputuskan' },
      type: { refund: 'Pengajuan refund', escalation: 'Pembatalan dieskalasi' },
      kind: { order: 'Refund pesanan', credit_to_source: 'Kredit ke kartu', duplicate_charge: 'Tagihan ganda', escalated_cancellation: 'Pembatalan dieskalasi' },
      fields: { slaDueAt: 'Tenggat', kind: 'Kasus', partyName: 'Diajukan oleh', orderTitle: 'Pesanan', amount: 'Jumlah', status: 'Status', assignedName: 'Ditugaskan ke', assignedTo: 'Ditugaskan ke', createdAt: 'Diajukan', q: 'Cari', type: 'Jenis', overdue: 'Hanya yang terlambat' },
    },
    'refund-requests': {
      name: 'Refund |||| Refund',
      assigned_to_me: 'Saya',
      buyer: 'Pembeli', seller: 'Penjual',
      history: '%{orders} pesanan, %{cancelled} dibatalkan, %{refunds} pengajuan refund, %{escalations} eskalasi, %{disputes} sengketa, %{warnings} peringatan',
      preview: 'Menyetujui %{amount} dari %{from} ke %{destination}: biaya pembayaran %{paymentFee}, biaya marketplace %{marketplaceFee}, dibayarkan %{net}.',
      no_evidence: 'Tidak ada bukti terlampir.',
      status: { open: 'Terbuka', approved: 'Disetujui', partially_approved: 'Disetujui sebagian', rejected: 'Ditolak' },
      kind: { order: 'Refund pesanan', credit_to_source: 'Kredit ke kartu', duplicate_charge: 'Tagihan ganda' },
      action: { approve_full: 'Setujui penuh', approve_part: 'Setujui sebagian', reject: 'Tolak' },
      fields: {
        id: 'ID', kind: 'Jenis', status: 'Status', slaDueAt: 'Tenggat', buyerName: 'Pembeli', orderTitle: 'Pesanan', amount: 'Diminta', destination: 'Ke',
        reason: 'Alasan', message: 'Pesan', assignedName: 'Ditugaskan ke', assignedTo: 'Ditugaskan ke', createdAt: 'Diajukan', evidence: 'Bukti', overdue: 'Hanya yang terlambat',
        approvedAmount: 'Disetujui', paidOut: 'Dibayarkan', decisionReason: 'Alasan keputusan', decidedAt: 'Diputuskan', q: 'Cari',
        reason_for_decision: 'Alasan (dibaca kedua pihak)', approved_amount: 'Jumlah disetujui (Rp)',
      },
    },
    escalations: {
      name: 'Eskalasi |||| Eskalasi',
      preview: 'Ini memposting: %{buyer} ke kredit pembeli, %{seller} ke penjual, %{commission} komisi.',
      preview_continue: 'Tidak ada dana yang bergerak: pesanan berlanjut.',
      amount_helper: 'Hanya untuk kredit sebagian: yang diterima pembeli; sisanya untuk penjual.',
      outcome: { cancel_full: 'Batalkan, kredit penuh ke pembeli', cancel_partial: 'Batalkan, kredit sebagian', continue: 'Lanjutkan pesanan' },
      action: { decide: 'Putuskan' },
      fields: {
        id: 'ID', slaDueAt: 'Tenggat', orderTitle: 'Pesanan', requesterRole: 'Diminta oleh', requestReason: 'Alasan', requestMessage: 'Permintaan', declineAnswer: 'Ditolak dengan',
        statement: 'Pernyataan eskalasi', escrow: 'Di escrow', outcome: 'Hasil', buyerCredit: 'Kredit pembeli (Rp)', decisionReason: 'Alasan keputusan', orderTotal: 'Total pesanan',
        assignedName: 'Ditugaskan ke', status: 'Status', overdue: 'Hanya yang terlambat',
      },
    },
    users: {
      name: 'Pengguna |||| Pengguna',
      warning_type: { abusive_language: 'Bahasa kasar atau tidak pantas', spam: 'Spam', misleading_profile: 'Informasi profil menyesatkan', sharing_contact_info: 'Membagikan kontak pribadi', feedback_manipulation: 'Meminta ulasan positif atau penghapusannya', misrepresenting_service: 'Menyesatkan tentang jasa', other: 'Lainnya' },
      consequence: { reminder: 'Akibat: pengingat aturan; akun tidak dibatasi.', suspension: 'Akibat: DITANGGUHKAN sampai %{until}.', demotion: 'Akibat: turun ke %{level}.', block: 'Akibat: akun DIBLOKIR dan dananya ditahan.' },
      level: { new: 'Penjual baru', level_1: 'Level 1', level_2: 'Level 2', top_rated: 'Peringkat teratas' },
      action: { set_level: 'Atur level', warn: 'Beri peringatan', lift: 'Cabut penangguhan', block: 'Blokir' },
      suspension_helper: 'Hanya jika menangguhkan: jumlah hari pengganti kebijakan.',
      evidence_helper: 'Tautan, nomor pesan atau kutipan yang menunjukkan pelanggaran (disimpan bersama peringatan).',
      metrics: { title: 'Metrik penjual (jangka level)', completed: 'Selesai', cancelled: 'Dibatalkan', completion: 'Tingkat penyelesaian', rating: 'Rata-rata nilai', on_time: 'Tepat waktu', recent_warnings: 'Peringatan dalam jangka' },
      balances: 'Saldo',
      status: { pending_activation: 'Menunggu aktivasi', active: 'Aktif', suspended: 'Ditangguhkan', blocked: 'Diblokir', deactivated: 'Dinonaktifkan' },
      fields: {
        warningType: 'Jenis peringatan', evidence: 'Bukti', severe: 'Pelanggaran berat (blokir langsung)', reason: 'Alasan (dibaca pengguna)', suspensionDays: 'Hari penangguhan', warnings: 'Peringatan', issuedAt: 'Diberikan', consequence: 'Akibat', type: 'Jenis', suspendedUntil: 'Ditangguhkan sampai', id: 'ID', name: 'Nama', email: 'Email', username: 'Nama pengguna', status: 'Status', isSeller: 'Penjual', sellerLevel: 'Level',
        credit: 'Kredit', pending: 'Tertunda', available: 'Tersedia', withdrawing: 'Sedang ditarik', held: 'Ditahan',
        orderCount: 'Pesanan', disputeCount: 'Sengketa', createdAt: 'Terdaftar', activatedAt: 'Diaktifkan', deactivationReason: 'Alasan penonaktifan',
        sellerApplication: 'Pengajuan penjual', orders: 'Pesanan', q: 'Cari',
      },
    },
    orders: {
      name: 'Pesanan |||| Pesanan',
      status: { awaiting_payment: 'Menunggu pembayaran', in_progress: 'Dikerjakan', delivered: 'Dikirim', completed: 'Selesai', cancelled: 'Dibatalkan' },
      tabs: { summary: 'Ringkasan', timeline: 'Linimasa' },
      timeline: { event: 'Peristiwa', message: 'Pesan', delivery: 'Pengiriman', posting: 'Jurnal' },
      fields: {
        id: 'ID', title: 'Judul', status: 'Status', buyerName: 'Pembeli', sellerName: 'Penjual', buyer: 'Pembeli', seller: 'Penjual', total: 'Total',
        createdAt: 'Dipesan', dueAt: 'Tenggat', completedAt: 'Selesai', commissionBp: 'Komisi (basis poin)', revisions: 'Revisi terpakai',
        milestones: 'Milestone', reviews: 'Ulasan', seq: '#', amount: 'Jumlah', releasedAt: 'Dicairkan', authorRole: 'Oleh', stars: 'Bintang', text: 'Teks',
        q: 'Cari', userId: 'ID pengguna',
      },
    },
    'ledger-entries': {
      name: 'Entri buku besar |||| Buku besar',
      fields: { id: 'ID', at: 'Waktu', kind: 'Jenis', memo: 'Memo', reference: 'Referensi', orderId: 'Pesanan', userId: 'ID pengguna', postings: 'Posting', account: 'Akun', amount: 'Jumlah', reversesEntryId: 'Membalik entri', q: 'Cari' },
    },
    accounts: {
      name: 'Akun |||| Akun',
      fields: { code: 'Akun', kind: 'Jenis', userName: 'Pengguna', balance: 'Saldo', createdAt: 'Dibuka', q: 'Cari' },
    },
    'audit-log': {
      name: 'Log audit |||| Log audit',
      fields: {
        id: 'ID', at: 'Waktu', actorType: 'Jenis pelaku', actorName: 'Siapa', actorRole: 'Peran', action: 'Tindakan',
        subjectType: 'Subjek', subjectId: 'ID subjek', reason: 'Alasan', before: 'Sebelum', after: 'Sesudah', requestId: 'ID permintaan',
        q: 'Cari', since: 'Sejak', until: 'Hingga',
      },
    },
    'my-activity': {
      name: 'Aktivitas saya |||| Aktivitas saya',
      fields: { at: 'Waktu', action: 'Tindakan', subjectType: 'Subjek', subjectId: 'ID subjek', reason: 'Alasan', before: 'Sebelum', after: 'Sesudah' },
    },
    settings: {
      name: 'Pengaturan kebijakan |||| Pengaturan kebijakan',
      fields: {
        id: 'Pengaturan', value: 'Nilai', default: 'Bawaan', type: 'Jenis', rule: 'Aturan', description: 'Keterangan',
        changedAt: 'Diubah', changedBy: 'Diubah oleh', lastReason: 'Alasan terakhir', reason: 'Alasan perubahan', q: 'Cari',
      },
      help: { date_list: 'Satu tanggal per baris, YYYY-MM-DD', applies: 'Perubahan berlaku untuk kasus yang dibuka sesudahnya dan dicatat di log audit.' },
    },
    outbox: {
      name: 'Pesan keluar |||| Kotak keluar',
      fields: { id: 'ID', kind: 'Jenis', to: 'Kepada', subject: 'Subjek', text: 'Isi', createdAt: 'Dibuat', status: 'Status', attempts: 'Percobaan', sentAt: 'Terkirim', lastError: 'Galat terakhir', q: 'Cari' },
    },
    staff: {
      name: 'Staf |||| Staf',
      fields: { id: 'ID', email: 'Email', name: 'Nama', role: 'Peran', active: 'Aktif', createdAt: 'Dibuat', lastLoginAt: 'Login terakhir', password: 'Kata sandi', reason: 'Alasan perubahan', q: 'Cari' },
    },
  },
};
