import type { DisputeStage } from '../../../db/schema.js';
import type { Catalogue } from '../templates.js';

const KIND = {
  cancel: 'pembatalan',
  update: 'kabar perkembangan',
  extend_delivery: 'perpanjangan waktu pengiriman',
  extras: 'tambahan pekerjaan',
  extra_revisions: 'tambahan revisi',
} as const;

const REASON: Record<string, string> = {
  buyer_no_longer_needs: 'pembeli tidak membutuhkannya lagi',
  seller_cannot_deliver: 'penjual tidak dapat menyelesaikan pesanan',
  requirements_changed: 'kebutuhan berubah',
  not_as_agreed: 'tidak sesuai kesepakatan',
  ordered_by_mistake: 'salah pesan',
  personal_emergency: 'keadaan darurat pribadi',
  no_news: 'belum ada kabar',
  deadline_close: 'tenggat sudah dekat',
  more_time_needed: 'butuh waktu lebih lama',
  waiting_for_buyer_input: 'menunggu masukan dari pembeli',
  scope_grew: 'lingkup pekerjaan bertambah',
  additional_work: 'pekerjaan tambahan',
  additional_changes: 'perubahan tambahan',
  other: 'lainnya',
};

const WARNING = {
  abusive_language: 'bahasa yang kasar',
  spam: 'spam',
  misleading_profile: 'profil yang menyesatkan',
  sharing_contact_info: 'membagikan informasi kontak',
  feedback_manipulation: 'manipulasi ulasan',
  misrepresenting_service: 'gambaran layanan yang tidak sesuai',
  other: 'lainnya',
} as const;

const LEVEL = {
  new: 'penjual baru',
  level_1: 'level 1',
  level_2: 'level 2',
  top_rated: 'penjual terbaik',
} as const;

const STAGE: Record<DisputeStage, string> = {
  negotiation: 'negosiasi',
  final_offer: 'penawaran akhir',
  arbitration: 'arbitrase',
  awaiting_default_approval: 'menunggu persetujuan putusan',
  awaiting_final_approval: 'menunggu persetujuan putusan',
  closed: 'ditutup',
};

const PARTY = { buyer: 'pembeli', seller: 'penjual' } as const;

const reasonLine = (reason: string) => `\n\nAlasan: ${reason}`;

const SERVICE_REJECTION: Record<string, string> = {
  contact_details: 'detail kontak atau pembayaran di luar Pasar di dalam teks',
  prohibited_service: 'layanan yang tidak diizinkan oleh ketentuan kami',
  misleading: 'deskripsi yang menyesatkan',
  low_quality: 'deskripsi atau gambar belum layak terbit',
  intellectual_property: 'karya atau merek dagang milik orang lain',
  duplicate: 'salinan dari produk jasa Anda yang lain',
  wrong_category: 'kategori yang salah',
  price: 'harga tidak diizinkan',
  other: 'lainnya',
};

export const id: Catalogue = {
  frame: (name, text) => `Halo ${name},\n\n${text}\n\nSalam,\nPasar`,

  'account.activation': (p) => ({
    subject: 'Aktifkan akun Pasar Anda',
    text:
      'Selamat datang di Pasar. Aktifkan akun Anda melalui tautan berikut dalam' +
      ` ${p.days} hari:\n${p.link}`,
  }),
  'account.already-registered': () => ({
    subject: 'Anda sudah memiliki akun Pasar',
    text:
      'Seseorang (mungkin Anda) mencoba mendaftarkan akun Pasar baru dengan alamat email ini. Anda sudah' +
      ' memiliki akun: masuk dengan alamat ini, atau atur ulang kata sandi jika Anda lupa. Jika ini bukan' +
      ' Anda, abaikan saja email ini.',
  }),
  'account.password-changed': () => ({
    subject: 'Kata sandi Pasar Anda telah diubah',
    text:
      'Kata sandi akun Pasar Anda baru saja diubah. Jika ini bukan Anda, segera hubungi tim dukungan' +
      ' kami.',
  }),
  'account.password-reset': (p) => ({
    subject: 'Atur ulang kata sandi Pasar Anda',
    text:
      'Seseorang (semoga Anda) meminta pengaturan ulang kata sandi akun Pasar Anda. Pilih kata sandi baru' +
      ` dalam ${p.minutes} menit melalui tautan ini; tautan hanya berlaku sekali:\n${p.link}\n\nJika ini` +
      ' bukan Anda, abaikan email ini: kata sandi Anda tidak berubah.',
  }),
  'account.new-sign-in': (p, f) => ({
    subject: 'Ada yang masuk ke akun Pasar Anda',
    text:
      `Akun Anda dimasuki pada ${f.date(p.at)} dari perangkat atau tempat yang belum pernah kami lihat:` +
      `\n${p.device}, alamat ${p.ip}.\n\nJika itu Anda, tidak perlu melakukan apa pun. Jika bukan, akhiri` +
      ` sesi itu melalui tautan ini dan ganti kata sandi Anda:\n${p.endLink}`,
  }),
  'account.email-change-confirm': (p) => ({
    subject: 'Konfirmasi alamat email baru Anda di Pasar',
    text:
      `Ikuti tautan ini dalam ${p.hours} jam untuk menjadikan ${p.newEmail} alamat email akun Pasar` +
      ` Anda:\n${p.link}\n\nJika Anda tidak memintanya, abaikan email ini.`,
  }),
  'account.email-change-requested': (p) => ({
    subject: 'Alamat email Pasar Anda sedang diubah',
    text:
      `Seseorang yang masuk ke akun Anda meminta alamat emailnya diubah menjadi ${p.newEmail}. Perubahan` +
      ' baru berlaku setelah tautan yang dikirim ke alamat baru diikuti. Jika ini bukan Anda, segera ganti' +
      ' kata sandi dan hubungi dukungan.',
  }),
  'account.email-changed': (p) => ({
    subject: 'Alamat email Pasar Anda telah diubah',
    text:
      `Alamat email akun Pasar Anda sekarang ${p.newEmail}. Alamat ini tetap dicadangkan untuk akun Anda.` +
      ' Jika ini bukan Anda, segera hubungi dukungan.',
  }),
  'account.email-unavailable': () => ({
    subject: 'Alamat ini tidak dapat digunakan di Pasar',
    text:
      'Seseorang meminta agar akun Pasar dipindahkan ke alamat email ini, tetapi alamat ini sudah dimiliki' +
      ' sebuah akun. Tidak ada yang diubah. Jika Anda lupa kata sandi, atur ulang dari halaman masuk.',
  }),
  'sms.phone-code': (p) => ({
    subject: 'Kode Pasar',
    text: `Kode Pasar Anda ${p.code}. Berlaku ${p.minutes} menit. Jangan berikan kepada siapa pun.`,
  }),
  'account.blocked': (p, f) => ({
    subject: 'Akun Pasar Anda diblokir',
    text:
      'Akun Anda diblokir karena melanggar syarat dan ketentuan layanan dan tidak dapat digunakan lagi.' +
      reasonLine(p.reason) +
      (p.held > 0
        ? `\n\nSaldo Anda sebesar ${f.money(p.held)} ditahan` +
          (p.payoutsStopped ? ' (termasuk penarikan dana yang belum dibayarkan, yang kini dihentikan)' : '') +
          `; saldo tersebut dapat dibayarkan kepada Anda mulai ${f.date(p.releaseAt)}.`
        : ''),
  }),
  'account.warning': (p, f) => ({
    subject: 'Peringatan untuk akun Pasar Anda',
    text:
      `Anda menerima peringatan: ${WARNING[p.type]}.${reasonLine(p.reason)}\n\n` +
      (p.consequence === 'reminder'
        ? 'Ini adalah pengingat atas syarat dan ketentuan layanan. Peringatan ini tidak membatasi akun' +
          ' Anda, tetapi peringatan berikutnya dapat membatasinya.'
        : p.consequence === 'suspension'
          ? `Akun Anda ditangguhkan hingga ${f.date(p.suspendedUntil)}: Anda tetap dapat masuk dan` +
            ' membaca, tetapi tidak dapat melakukan tindakan apa pun.'
          : `Level penjual Anda turun dari ${LEVEL[p.levelBefore]} menjadi ${LEVEL[p.levelAfter]}.`),
  }),
  'account.suspension-lifted': (p) => ({
    subject: 'Penangguhan akun Anda dicabut',
    text: `Akun Anda aktif kembali.${reasonLine(p.reason)}`,
  }),
  'account.suspension-ended': () => ({
    subject: 'Masa penangguhan akun Anda telah berakhir',
    text: 'Akun Anda aktif kembali.',
  }),
  'seller.level': (p) => ({
    subject: 'Level penjual Anda berubah',
    text:
      `Level penjual Anda sekarang ${LEVEL[p.level]} (sebelumnya ${LEVEL[p.previous]}), berdasarkan` +
      ` ${p.windowDays} hari terakhir.`,
  }),
  'seller-application.approve': () => ({
    subject: 'Pengajuan penjual Anda',
    text: 'Pengajuan Anda sebagai penjual disetujui. Sekarang Anda dapat menerbitkan layanan.',
  }),
  'seller-application.reject': (p) => ({
    subject: 'Pengajuan penjual Anda',
    text: `Pengajuan Anda sebagai penjual ditolak.${reasonLine(p.reason)}`,
  }),
  'seller-application.request-changes': (p) => ({
    subject: 'Pengajuan penjual Anda',
    text:
      `Tim kami meminta perubahan pada pengajuan penjual Anda:\n\n${p.reason}\n\n` +
      'Ubah dan kirim ulang pengajuan dari akun Anda.',
  }),
  'identity.approved': () => ({
    subject: 'Identitas Anda telah terverifikasi',
    text: 'Terima kasih: identitas Anda telah terverifikasi.',
  }),
  'service.approved': (p) => ({
    subject: `Produk jasa "${p.title}" disetujui`,
    text:
      `Tim trust & safety telah meninjau produk jasa "${p.title}" dan ` +
      `menyetujuinya: pembeli dapat menemukan dan memesannya.`,
  }),
  'service.rejected': (p) => ({
    subject: `Produk jasa "${p.title}" ditolak`,
    text:
      `Tim trust & safety menolak produk jasa "${p.title}": ` +
      `${SERVICE_REJECTION[p.reasonCode] ?? p.reasonCode}.` +
      (`${reasonLine(p.reason)}\n\nProduk jasa yang ditolak tidak akan ` +
        `dikembalikan. Anda dapat membuat produk`) +
      ' jasa baru yang mengikuti ketentuan kami.',
  }),
  'service.edit-rejected': (p) => ({
    subject: `Perubahan pada "${p.title}" tidak diterima`,
    text:
      `Tim trust & safety tidak menerima perubahan Anda pada produk jasa "${p.title}": ` +
      `${SERVICE_REJECTION[p.reasonCode] ?? p.reasonCode}.${reasonLine(p.reason)}\n\n` +
      'Produk jasa tetap dijual seperti sebelum perubahan; Anda dapat mengubahnya lagi.',
  }),
  'identity.rejected': (p) => ({
    subject: 'Verifikasi identitas Anda tidak diterima',
    text:
      `Kami tidak dapat memverifikasi identitas Anda.${reasonLine(p.reason)}\n\n` +
      'Anda dapat mengirim foto KTP dan swafoto yang baru.',
  }),
  'order.placed': (p, f) => ({
    subject: `Pesanan baru: ${p.title}`,
    text:
      `Anda mendapat pesanan baru "${p.title}" (${f.money(p.total)}). Pekerjaan dimulai setelah pembeli` +
      ' membayar milestone pertama ke rekening bersama (escrow).',
  }),
  'order.milestone-paid': (p, f) => ({
    subject: `Milestone dibayar: ${p.title}`,
    text:
      `Pembeli telah membayar milestone ${p.seq} ("${p.milestoneTitle}", ${f.money(p.amount)}) ke` +
      ` escrow. Kirim hasilnya paling lambat ${f.date(p.dueAt)}.`,
  }),
  'order.delivered': (p, f) => ({
    subject: `Hasil dikirim: ${p.title}`,
    text:
      `Penjual telah mengirim hasil milestone ${p.seq}. Terima hasilnya atau minta revisi; jika tidak` +
      ` ada tanggapan, hasil diterima otomatis pada ${f.date(p.autoAcceptAt)}.`,
  }),
  'order.revision': (p) => ({
    subject: `Permintaan revisi: ${p.title}`,
    text: `Pembeli meminta revisi:\n\n${p.message}`,
  }),
  'order.accepted': (p, f) => ({
    subject: p.completed ? `Pesanan selesai: ${p.title}` : `Milestone diterima: ${p.title}`,
    text:
      `Milestone ${p.seq} telah diterima` +
      (p.automatic ? ' secara otomatis karena pembeli tidak menanggapi' : '') +
      `. ${f.money(p.share)} menunggu pencairan hingga ${f.date(p.clearsAt)}.`,
  }),
  'order.completed': (p) => ({
    subject: `Pesanan selesai: ${p.title}`,
    text:
      'Pesanan Anda telah selesai. Anda dapat memberi ulasan untuk penjual selama' +
      ` ${p.reviewWindowDays} hari.`,
  }),
  'order.message': (p) => ({ subject: `Pesan baru di ${p.title}`, text: p.body }),
  'order.reviewed': (p) => ({
    subject: `Anda mendapat ulasan di ${p.title}`,
    text:
      `Pihak lain telah mengulas pesanan "${p.title}". Ulasan ditampilkan setelah kalian berdua` +
      ' memberi ulasan atau setelah masa ulasan berakhir.',
  }),
  'order.tip': (p, f) => ({
    subject: `Anda menerima tip di ${p.title}`,
    text:
      `Pembeli memberi Anda tip sebesar ${f.money(p.amount)}. Tip ini menunggu pencairan seperti` +
      ' penghasilan Anda, tanpa komisi.',
  }),
  'review.removed': (p) => ({
    subject: 'Ulasan Anda dihapus',
    text:
      `Tim Trust & Safety menghapus ulasan Anda pada pesanan #${p.orderId} karena melanggar syarat dan` +
      ` ketentuan layanan.${reasonLine(p.reason)}`,
  }),
  'ledger.clearance-reversed': (p, f) => ({
    subject: 'Penghasilan yang sudah cair dikembalikan ke status menunggu',
    text:
      `Tim dukungan memindahkan ${f.money(p.amount)} dari penghasilan Anda yang sudah cair dari pesanan` +
      ` "${p.title}" kembali ke status menunggu.${reasonLine(p.reason)}\n\n` +
      `Dana tersebut cair kembali pada ${f.date(p.clearsAt)}.`,
  }),
  'refund.requested': (p, f) => ({
    subject: `Permintaan pengembalian dana di ${p.title}`,
    text:
      `Pembeli meminta pengembalian dana sebesar ${f.money(p.amount)} kepada tim dukungan:\n\n` +
      `${p.message}\n\nTim dukungan akan mendengar penjelasan Anda: tuliskan sebagai pesan di pesanan.`,
  }),
  'refund.rejected': (p) => ({
    subject: 'Permintaan pengembalian dana Anda ditolak',
    text: `Tim dukungan menolak permintaan pengembalian dana #${p.refundRequestId}.${reasonLine(p.reason)}`,
  }),
  'refund.approved': (p, f) => ({
    subject: 'Permintaan pengembalian dana Anda disetujui',
    text:
      `Tim dukungan menyetujui ${f.money(p.amount)} dari permintaan pengembalian dana` +
      ` #${p.refundRequestId}` +
      (p.toCard
        ? `: ${f.money(p.toCard.net)} dikembalikan ke kartu Anda (biaya pembayaran` +
          ` ${f.money(p.toCard.paymentFee)} dan biaya layanan ${f.money(p.toCard.marketplaceFee)}` +
          ' tidak dikembalikan)'
        : ', ditambahkan ke saldo kredit Anda') +
      `.${reasonLine(p.reason)}`,
  }),
  'refund.completed-order': (p, f) => ({
    subject: `Pengembalian dana di ${p.title}`,
    text:
      p.to === 'buyer'
        ? `Tim dukungan mengembalikan dana sebesar ${f.money(p.amount)}` +
          (p.toCardNet !== null
            ? ` (${f.money(p.toCardNet)} ke kartu Anda setelah dipotong biaya)`
            : ' ke saldo kredit Anda') +
          `.${reasonLine(p.reason)}`
        : `Tim dukungan mengembalikan dana pembeli sebesar ${f.money(p.amount)};` +
          ` ${f.money(p.fromEarnings)} diambil dari penghasilan Anda.${reasonLine(p.reason)}`,
  }),
  'resolution.opened': (p, f) => ({
    subject: `${p.by === 'buyer' ? 'Pembeli' : 'Penjual'} mengirim permintaan di ${p.title}`,
    text:
      `Permintaan ${KIND[p.kind]} — ${REASON[p.reason] ?? p.reason}:\n\n${p.message}` +
      (p.answerBy
        ? `\n\nTanggapi sebelum ${f.date(p.answerBy)}.` +
          (p.kind === 'cancel'
            ? ' Jika tidak ada tanggapan, pesanan dibatalkan atas kesepakatan bersama.'
            : '')
        : ''),
  }),
  'resolution.accepted': (p) => ({
    subject: `Permintaan Anda di ${p.title} diterima`,
    text: `Permintaan ${KIND[p.kind]} Anda diterima.`,
  }),
  'resolution.declined': (p) => ({
    subject: `Permintaan Anda di ${p.title} ditolak`,
    text:
      `Permintaan ${KIND[p.kind]} Anda ditolak.` +
      (p.answer ? `\n\n${p.answer}` : '') +
      (p.kind === 'cancel'
        ? '\n\nAnda berdua dapat meneruskan pembatalan yang ditolak ini ke tim dukungan.'
        : ''),
  }),
  'resolution.expired': (p) => ({
    subject: `Permintaan Anda di ${p.title} ditutup`,
    text:
      p.kind === 'update'
        ? 'Penjual tidak memberi kabar tepat waktu; permintaan ditutup dan pesanan tetap berjalan.'
        : 'Pihak lain tidak menanggapi tepat waktu; permintaan ditarik dan tidak ada yang berubah.',
  }),
  'resolution.cancel.expired': (p) => ({
    subject: `Pesanan dibatalkan: ${p.title}`,
    text:
      'Permintaan pembatalan tidak ditanggapi tepat waktu, sehingga pesanan dibatalkan atas kesepakatan' +
      ' bersama. Dana di escrow sudah kembali ke saldo kredit pembeli.',
  }),
  'resolution.escalated': (p) => ({
    subject: `Pembatalan diteruskan ke tim dukungan: ${p.title}`,
    text:
      `${p.by === 'buyer' ? 'Pembeli' : 'Penjual'} meminta tim dukungan memutuskan pembatalan ini.` +
      ' Tim dukungan mendengar kedua belah pihak; tambahkan penjelasan Anda sebagai pesan di pesanan.',
  }),
  'escalation.decided': (p, f) => ({
    subject: `Keputusan tim dukungan untuk ${p.title}`,
    text:
      'Tim dukungan memutuskan untuk ' +
      {
        cancel_full: 'membatalkan pesanan dan mengembalikan seluruh dana di escrow ke saldo kredit pembeli',
        cancel_partial:
          `membatalkan pesanan, mengembalikan ${f.money(p.buyerCredit ?? 0)} ke saldo kredit pembeli` +
          ' dan membayarkan sisanya kepada penjual',
        continue: 'melanjutkan pesanan',
      }[p.outcome] +
      `.${reasonLine(p.reason)}`,
  }),
  'dispute.opened': (p, f) => ({
    subject: `Sengketa dibuka di ${p.title}`,
    text:
      `${p.by === 'buyer' ? 'Pembeli' : 'Penjual'} membuka sengketa atas milestone ${p.seq}` +
      ` (${f.money(p.escrow)} di escrow):\n\n${p.reason}\n\n` +
      `Usulannya: ${f.money(p.proposedToSeller)} untuk penjual. Tanggapi paling lambat` +
      ` ${f.date(p.respondBy)} dengan pernyataan atau penawaran; jika tidak, dana tersebut dapat` +
      ` diberikan kepada ${PARTY[p.by]} setelah disetujui admin.`,
  }),
  'dispute.statement': (p) => ({ subject: `Pernyataan baru di sengketa #${p.disputeId}`, text: p.text }),
  'dispute.offer': (p, f) => ({
    subject: `Penawaran baru di sengketa #${p.disputeId}`,
    text:
      `${p.by === 'buyer' ? 'Pembeli' : 'Penjual'} menawarkan ${f.money(p.toSeller)} untuk penjual dan` +
      ` ${f.money(p.toBuyer)} dikembalikan kepada pembeli. Terima penawaran ini untuk langsung menutup` +
      ' sengketa.',
  }),
  'dispute.closed': (p, f) => ({
    subject: `Sengketa #${p.disputeId} ditutup`,
    text:
      `Sengketa atas "${p.title}" telah ditutup: ${f.money(p.toBuyer)} ke saldo kredit pembeli,` +
      ` ${f.money(p.toSeller)} untuk penjual (setelah komisi ${f.money(p.commission)}).` +
      (p.reason ? reasonLine(p.reason) : ''),
  }),
  'dispute.arbitration-requested': (p, f) => ({
    subject: `Arbitrase diminta di sengketa #${p.disputeId}`,
    text:
      `${p.by === 'buyer' ? 'Pembeli' : 'Penjual'} meminta arbitrase dan telah membayar biaya sebesar` +
      ` ${f.money(p.fee)}. Bayar biaya Anda paling lambat ${f.date(p.feeDueAt)} agar tim kami yang` +
      ` memutuskan; jika tidak, dana di escrow diberikan kepada ${PARTY[p.by]} setelah disetujui admin.`,
  }),
  'dispute.award-refused': (p) => ({
    subject: `Sengketa #${p.disputeId}: putusan tidak disetujui`,
    text:
      `Tim kami tidak menyetujui putusan tersebut; sengketa berlanjut (${STAGE[p.stage]}).` +
      reasonLine(p.reason),
  }),
  'withdrawal.requested': (p, f) => ({
    subject: 'Permintaan penarikan dana diterima',
    text:
      `Kami telah menerima penarikan dana Anda sebesar ${f.money(p.amount)}. Dana dibayarkan dalam` +
      ` ${p.slaBusinessDays} hari kerja, paling lambat ${f.date(p.dueAt)}. Penarikan dana bersifat final` +
      ' dan tidak dapat dibatalkan.',
  }),
  'withdrawal.returned': (p, f) => ({
    subject: 'Penarikan dana dibatalkan, dana dikembalikan ke saldo Anda',
    text:
      `Penarikan dana #${p.withdrawalId} sebesar ${f.money(p.amount)}` +
      ` ${p.status === 'failed' ? 'tidak berhasil dibayarkan oleh bank' : 'ditolak'} dan dananya sudah` +
      ` kembali ke saldo tersedia Anda.${reasonLine(p.reason)}`,
  }),
  'withdrawal.paid': (p, f) => ({
    subject: 'Penarikan dana selesai',
    text:
      `Penarikan dana #${p.withdrawalId} sebesar ${f.money(p.amount)} telah dibayarkan` +
      ` (referensi bank ${p.reference}).`,
  }),
  'support.contact-confirm': (p) => ({
    subject: 'Konfirmasi pesan Anda untuk dukungan Pasar',
    text:
      'Kami menerima pesan untuk dukungan Pasar yang dikirim dengan alamat email ini. Untuk membuka tiket,' +
      ` ikuti tautan ini dalam ${p.hours} jam:\n${p.link}\n\nJika Anda tidak menulis kepada kami,` +
      ' abaikan email ini.',
  }),
  'ticket.received': (p) => ({
    subject: `[Tiket #${p.ticketId}] ${p.subject}`,
    text:
      `Kami menerima pesan Anda dan membuka tiket #${p.ticketId}. Tim kami ` +
      `menjawab di sini dan lewat email.` +
      (p.replyLink ? `\n\nUntuk membalas, ikuti tautan ini:\n${p.replyLink}` : ''),
  }),
  'ticket.reply': (p) => ({
    subject: `[Tiket #${p.ticketId}] ${p.subject}`,
    text:
      `Dukungan Pasar menjawab tiket #${p.ticketId} Anda:\n\n${p.body}` +
      (p.replyLink ? `\n\nUntuk membalas, ikuti tautan ini:\n${p.replyLink}` : ''),
  }),
  'ticket.pending-reminder': (p, f) => ({
    subject: `[Tiket #${p.ticketId}] Kami menunggu jawaban Anda`,
    text:
      `Tiket #${p.ticketId} (${p.subject}) menunggu jawaban Anda. Tanpa jawaban, tiket akan kami anggap` +
      ` selesai pada ${f.date(p.solveAt)}.`,
  }),
  'ticket.solved': (p, f) => ({
    subject: `[Tiket #${p.ticketId}] Selesai`,
    text:
      (p.automatic
        ? `Kami tidak menerima kabar dari Anda, jadi tiket #${p.ticketId} (${p.subject}) kini selesai.`
        : `Tiket #${p.ticketId} (${p.subject}) Anda sudah selesai.`) +
      ` Jika masih ada masalah, balas sebelum ${f.date(p.closeAt)} dan tiket akan dibuka kembali. Anda juga` +
      ' dapat memberi nilai atas bantuan kami.',
  }),
  'ticket.merged': (p) => ({
    subject: `[Tiket #${p.ticketId}] Digabungkan ke tiket #${p.intoId}`,
    text:
      `Tiket #${p.ticketId} (${p.subject}) membahas pertanyaan yang sama dengan tiket #${p.intoId}, jadi` +
      ` keduanya kami gabungkan: pesannya kini ada di tiket #${p.intoId}, tempat kami melanjutkan.`,
  }),
};
