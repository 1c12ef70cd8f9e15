import type { AppContext } from './context.js';

/** [action, name, English, Indonesian]: the reason templates an admin starts with (OPS-6). */
const TEMPLATES: [string, string, string, string][] = [
  [
    'refund.approve',
    'Work not delivered',
    'The seller did not deliver the work agreed in the order, so the payment is refunded.',
    'Penjual tidak mengirimkan pekerjaan yang disepakati dalam pesanan, sehingga pembayaran dikembalikan.',
  ],
  [
    'refund.approve_partial',
    'Part of the work delivered',
    'Part of the work was delivered as agreed; the part that was not delivered is refunded.',
    'Sebagian pekerjaan sudah dikirim sesuai kesepakatan; bagian yang belum dikirim dikembalikan.',
  ],
  [
    'refund.reject',
    'Delivered as described',
    'The delivery matches the order description and the messages in the order, so no refund is due.',
    'Hasil kerja sesuai dengan deskripsi pesanan dan pesan dalam pesanan,' +
      ' sehingga tidak ada pengembalian dana.',
  ],
  [
    'refund.reject',
    'Outside the refund window',
    'The request was made after the period in which this order could be refunded.',
    'Permintaan diajukan setelah batas waktu pengembalian dana untuk pesanan ini.',
  ],
  [
    'escalation.decide',
    'Seller could not continue',
    'The seller could not continue the order for reasons outside their control; the order is cancelled.',
    'Penjual tidak dapat melanjutkan pesanan karena alasan di luar kendalinya; pesanan dibatalkan.',
  ],
  [
    'escalation.decide',
    'Continue the order',
    'Both parties can still complete the order as agreed; the order continues.',
    'Kedua pihak masih dapat menyelesaikan pesanan sesuai kesepakatan; pesanan dilanjutkan.',
  ],
  [
    'dispute.approve_award',
    'No answer in time',
    'The other party did not answer the dispute in time, so the award proposed by the opener is approved.',
    'Pihak lain tidak menanggapi sengketa tepat waktu, sehingga keputusan' +
      ' yang diajukan pembuka sengketa disetujui.',
  ],
  [
    'dispute.refuse_award',
    'Evidence needs review',
    'The evidence in the order needs a closer look before any award; the dispute continues.',
    'Bukti dalam pesanan perlu ditinjau lebih lanjut sebelum ada keputusan; sengketa dilanjutkan.',
  ],
  [
    'dispute.arbitration',
    'Split by work delivered',
    'The escrow is split by the share of the work delivered, as the messages and files in the order show.',
    'Dana escrow dibagi sesuai bagian pekerjaan yang dikirim, sebagaimana' +
      ' terlihat dari pesan dan berkas pesanan.',
  ],
  [
    'seller_application.approve',
    'Portfolio meets the bar',
    'Your portfolio and profile meet our quality standards. Welcome as a seller.',
    'Portofolio dan profil Anda memenuhi standar kualitas kami. Selamat bergabung sebagai penjual.',
  ],
  [
    'seller_application.reject',
    'Portfolio too thin',
    'The portfolio does not yet show enough finished work in the category you chose.',
    'Portofolio belum menunjukkan cukup banyak hasil kerja di kategori yang Anda pilih.',
  ],
  [
    'seller_application.request_changes',
    'Add portfolio samples',
    'Please add at least three samples of finished work and resubmit your application.',
    'Silakan tambahkan minimal tiga contoh hasil kerja dan ajukan kembali permohonan Anda.',
  ],
  [
    'identity_check.approve',
    'Photos match',
    'The ID photo and the selfie match and the document is readable.',
    'Foto identitas dan swafoto cocok dan dokumen dapat dibaca.',
  ],
  [
    'identity_check.reject',
    'Photo unreadable',
    'The ID photo is blurred or cut off. Please upload a sharp photo of the whole document.',
    'Foto identitas buram atau terpotong. Silakan unggah foto dokumen yang jelas dan utuh.',
  ],
  [
    'warning.issue',
    'Contact details shared',
    'You shared contact details to move the conversation outside Pasar, which our terms do not allow.',
    'Anda membagikan kontak untuk memindahkan percakapan ke luar Pasar, yang' +
      ' tidak diizinkan oleh ketentuan kami.',
  ],
  [
    'warning.issue',
    'Abusive language',
    'Your messages to another user contained abusive language, which our terms do not allow.',
    'Pesan Anda kepada pengguna lain berisi bahasa kasar, yang tidak diizinkan oleh ketentuan kami.',
  ],
  [
    'report.warn',
    'Asked to pay outside Pasar',
    'You asked a buyer to pay outside Pasar, which our terms do not allow.',
    'Anda meminta pembeli membayar di luar Pasar, yang tidak diizinkan oleh ketentuan kami.',
  ],
  [
    'report.dismiss',
    'No breach found',
    'We reviewed the report and found no breach of our terms.',
    'Kami telah meninjau laporan ini dan tidak menemukan pelanggaran terhadap ketentuan kami.',
  ],
  [
    'report.remove_service',
    'Misleading service',
    'The service description is misleading, so the service is taken off sale.',
    'Deskripsi layanan menyesatkan, sehingga layanan ini dihentikan penjualannya.',
  ],
  [
    'report.block',
    'Fraud',
    'The account was used to defraud other users and is blocked.',
    'Akun ini digunakan untuk menipu pengguna lain dan diblokir.',
  ],
  [
    'payout.refuse',
    'Account details do not match',
    "The account holder's name does not match the name on your Pasar account." +
      ' Please check your payout method.',
    'Nama pemilik rekening tidak sama dengan nama di akun Pasar Anda. Silakan periksa metode penarikan Anda.',
  ],
  [
    'payout.fail',
    'Bank returned the transfer',
    'The bank returned the transfer; the funds are back in your available balance.',
    'Bank mengembalikan transfer; dana sudah kembali ke saldo tersedia Anda.',
  ],
  [
    'service_review.approve',
    'Meets the guidelines',
    'The service meets our listing guidelines.',
    'Layanan ini memenuhi pedoman penayangan kami.',
  ],
  [
    'service_review.reject',
    'Contact details in the description',
    'The description contains contact details; please remove them before listing the service again.',
    'Deskripsi berisi informasi kontak; silakan hapus sebelum menayangkan layanan ini lagi.',
  ],
];

/** OPS-6: a few reason templates per decision, in English and Indonesian, kept by admins afterwards. */
export async function seedReasonTemplates(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const admin = await ctx.db
    .selectFrom('staff')
    .select('id')
    .where('role', '=', 'admin')
    .orderBy('id')
    .executeTakeFirst();
  await ctx.db
    .insertInto('reason_templates')
    .values(
      TEMPLATES.map(([action, name, en, id]) => ({
        action,
        name,
        body_en: en,
        body_id: id,
        created_by: admin?.id ?? null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}
