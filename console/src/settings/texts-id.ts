import type { SettingText } from './texts-en';

/**
 * The policy settings' names and descriptions in Indonesian (see texts.ts), a file of its own so the
 * Indonesian catalogue's chunk carries it and the English first load does not.
 */
export const SETTING_TEXT_ID: Record<string, SettingText> = {
  commission_bp: { label: 'Komisi', description: 'Komisi yang diambil dari pesanan saat selesai.' },
  auto_complete_days: {
    label: 'Penyelesaian otomatis',
    description: 'Pesanan terkirim yang tidak ditindaklanjuti selesai setelah sekian hari.',
  },
  clearance_days: {
    label: 'Masa kliring',
    description: 'Pendapatan tertahan selama ini setelah pesanan selesai.',
  },
  payment_fee_bp: {
    label: 'Biaya pembayaran (persen)',
    description: 'Biaya penyedia pembayaran per transaksi, bagian persen.',
  },
  payment_fee_fixed: {
    label: 'Biaya pembayaran (tetap)',
    description: 'Biaya penyedia pembayaran per transaksi, bagian tetap.',
  },
  cancellation_response_hours: {
    label: 'Waktu jawab pembatalan',
    description: 'Waktu pihak lain untuk menjawab permintaan pembatalan.',
  },
  update_response_days: {
    label: 'Waktu jawab pembaruan',
    description: 'Waktu penjual untuk menjawab permintaan pembaruan.',
  },
  extension_response_hours: {
    label: 'Waktu jawab perpanjangan',
    description: 'Waktu pembeli untuk menjawab permintaan perpanjangan.',
  },
  refund_marketplace_fee_bp: {
    label: 'Biaya marketplace pengembalian dana',
    description: 'Biaya marketplace yang ditahan dari pengembalian dana ke sumber pembayaran.',
  },
  refund_sla_business_days: {
    label: 'SLA antrean pengembalian dana',
    description: 'Waktu tim dukungan untuk memutuskan permintaan pengembalian dana.',
  },
  escalation_sla_business_days: {
    label: 'SLA antrean eskalasi',
    description: 'Waktu tim dukungan untuk memutuskan pembatalan yang dieskalasi.',
  },
  dispute_response_days: {
    label: 'Waktu jawab sengketa',
    description: 'Waktu pihak lain untuk menanggapi sengketa.',
  },
  dispute_arbitration_after_days: {
    label: 'Arbitrase tersedia setelah',
    description: 'Waktu setelah sengketa dibuka sebelum arbitrase dapat diminta.',
  },
  dispute_fee_payment_days: {
    label: 'Waktu bayar biaya arbitrase',
    description: 'Waktu pihak lain untuk membayar biaya arbitrase.',
  },
  dispute_sla_business_days: {
    label: 'SLA antrean sengketa',
    description: 'Waktu staf untuk menindaklanjuti sengketa yang menunggu persetujuan atau arbitrase.',
  },
  arbitration_fee_bp: {
    label: 'Biaya arbitrase (persen)',
    description: 'Biaya arbitrase, bagian dari jumlah yang disengketakan.',
  },
  arbitration_fee_min: { label: 'Biaya arbitrase (minimum)', description: 'Biaya arbitrase terkecil.' },
  report_sla_business_days: {
    label: 'SLA antrean laporan',
    description: 'Waktu tim kepercayaan & keamanan untuk memutuskan laporan.',
  },
  seller_application_sla_business_days: {
    label: 'SLA antrean pengajuan penjual',
    description: 'Waktu tim kepercayaan & keamanan untuk memutuskan pengajuan penjual.',
  },
  level_window_days: {
    label: 'Jendela level penjual',
    description: 'Periode kinerja yang menjadi dasar perhitungan level penjual.',
  },
  level1_min_completed_orders: {
    label: 'Level 1: pesanan selesai',
    description: 'Jumlah minimum pesanan selesai dalam jendela untuk level 1.',
  },
  level1_min_completion_bp: {
    label: 'Level 1: tingkat penyelesaian',
    description: 'Tingkat penyelesaian minimum untuk level 1.',
  },
  level1_min_rating_x100: {
    label: 'Level 1: rating ×100',
    description: 'Rata-rata rating ×100 minimum untuk level 1 (450 = 4,5 bintang).',
  },
  level1_min_on_time_bp: {
    label: 'Level 1: tepat waktu',
    description: 'Tingkat pengiriman tepat waktu minimum untuk level 1.',
  },
  level2_min_completed_orders: {
    label: 'Level 2: pesanan selesai',
    description: 'Jumlah minimum pesanan selesai dalam jendela untuk level 2.',
  },
  level2_min_completion_bp: {
    label: 'Level 2: tingkat penyelesaian',
    description: 'Tingkat penyelesaian minimum untuk level 2.',
  },
  level2_min_rating_x100: {
    label: 'Level 2: rating ×100',
    description: 'Rata-rata rating ×100 minimum untuk level 2 (470 = 4,7 bintang).',
  },
  level2_min_on_time_bp: {
    label: 'Level 2: tepat waktu',
    description: 'Tingkat pengiriman tepat waktu minimum untuk level 2.',
  },
  identity_check_sla_business_days: {
    label: 'SLA antrean pemeriksaan identitas',
    description: 'Waktu tim kepercayaan & keamanan untuk memutuskan pemeriksaan identitas.',
  },
  warning_count_days: {
    label: 'Masa berlaku peringatan',
    description: 'Berapa lama peringatan dihitung untuk penangguhan dan penurunan level.',
  },
  suspension_days: { label: 'Lama penangguhan', description: 'Lama bawaan suatu penangguhan akun.' },
  held_release_days: {
    label: 'Pelepasan dana tertahan',
    description: 'Waktu setelah pemblokiran sebelum dana tertahan dapat dicairkan.',
  },
  withdrawal_min: { label: 'Penarikan terkecil', description: 'Jumlah terkecil yang dapat ditarik penjual.' },
  withdrawal_interval_days: {
    label: 'Jarak penarikan',
    description: 'Paling banyak satu penarikan per periode ini.',
  },
  withdrawal_sla_business_days: {
    label: 'SLA antrean pencairan',
    description: 'Waktu tim keuangan untuk memproses pencairan dana.',
  },
  payout_warning_flag_days: {
    label: 'Tanda peringatan pencairan',
    description: 'Antrean pencairan menandai penjual yang diperingatkan dalam periode ini.',
  },
  payout_four_eyes_threshold: {
    label: 'Ambang empat mata',
    description: 'Pencairan di atas jumlah ini memerlukan persetujuan staf keuangan kedua.',
  },
  service_review_sla_business_days: {
    label: 'SLA antrean tinjauan layanan',
    description: 'Waktu tim kepercayaan & keamanan untuk meninjau layanan baru atau yang diubah.',
  },
  service_premoderated_levels: {
    label: 'Level penjual pra-moderasi',
    description:
      'Layanan penjual pada sekian level terbawah ditinjau sebelum terbit, yang lain sesudahnya ' +
      '(1 = hanya penjual baru, 0 = tidak ada, 4 = semua).',
  },
  search_weight_relevance_bp: {
    label: 'Pencarian: bobot relevansi',
    description: 'Bobot relevansi teks dalam pencarian.',
  },
  search_weight_completion_bp: {
    label: 'Pencarian: bobot penyelesaian',
    description: 'Bobot tingkat penyelesaian penjual dalam pencarian.',
  },
  search_weight_rating_bp: {
    label: 'Pencarian: bobot rating',
    description: 'Bobot rating penjual dalam pencarian.',
  },
  search_weight_on_time_bp: {
    label: 'Pencarian: bobot tepat waktu',
    description: 'Bobot tingkat pengiriman tepat waktu penjual dalam pencarian.',
  },
  search_weight_level_bp: {
    label: 'Pencarian: bobot level',
    description: 'Bobot level penjual dalam pencarian.',
  },
  search_warning_penalty_bp: {
    label: 'Pencarian: penalti peringatan',
    description: 'Dikurangkan dari skor pencarian untuk setiap peringatan aktif penjual.',
  },
  invoice_vat_bp: {
    label: 'PPN',
    description:
      'PPN termasuk dalam harga dan ditampilkan sebagai baris pajak di faktur; 0 berarti tanpa baris pajak.',
  },
  review_window_days: {
    label: 'Jendela ulasan',
    description: 'Waktu setelah pesanan selesai untuk memberi ulasan.',
  },
  tip_window_days: { label: 'Jendela tip', description: 'Waktu setelah pesanan selesai untuk memberi tip.' },
  password_reset_minutes: {
    label: 'Tautan atur ulang kata sandi',
    description: 'Berapa lama tautan atur ulang kata sandi berlaku.',
  },
  email_change_hours: {
    label: 'Tautan ganti email',
    description: 'Berapa lama tautan konfirmasi ganti email berlaku.',
  },
  email_change_needs_phone_code: {
    label: 'Ganti email perlu kode telepon',
    description:
      'Pengguna dengan telepon terverifikasi juga mengonfirmasi ganti email' +
      ' dengan kode yang dikirim ke telepon.',
  },
  phone_code_minutes: {
    label: 'Masa berlaku kode telepon',
    description: 'Berapa lama kode verifikasi telepon berlaku.',
  },
  phone_code_attempts: {
    label: 'Percobaan kode telepon',
    description: 'Jumlah percobaan salah sebelum kode telepon tidak berlaku.',
  },
  staff_idle_minutes: {
    label: 'Batas diam sesi staf',
    description: 'Sesi staf berakhir setelah tidak aktif selama ini.',
  },
  staff_session_hours: {
    label: 'Lama sesi staf',
    description: 'Sesi staf berakhir selama ini setelah masuk.',
  },
  second_factor_support: {
    label: 'Faktor kedua untuk dukungan',
    description: 'Staf dukungan juga wajib masuk dengan faktor kedua (admin dan keuangan selalu wajib).',
  },
  second_factor_trust_safety: {
    label: 'Faktor kedua untuk kepercayaan & keamanan',
    description:
      'Staf kepercayaan & keamanan juga wajib masuk dengan faktor kedua (admin dan keuangan selalu wajib).',
  },
  holidays: {
    label: 'Hari libur nasional',
    description: 'Hari yang dilewati oleh hari kerja SLA; tambahkan hari libur yang berpindah setiap tahun.',
  },
  ticket_routing: {
    label: 'Perutean tiket',
    description: 'Antrean staf tujuan tiap topik tiket dukungan (support, trust_safety atau finance).',
  },
  ticket_first_response_sla_days: {
    label: 'SLA tanggapan pertama tiket',
    description: 'SLA tanggapan pertama tiket dukungan, dalam hari kerja, per topik.',
  },
  ticket_resolution_sla_days: {
    label: 'SLA penyelesaian tiket',
    description: 'SLA penyelesaian tiket dukungan, dalam hari kerja, per topik.',
  },
  ticket_pending_reminder_days: {
    label: 'Pengingat tiket tertunda',
    description: 'Waktu tiket menunggu pengguna sebelum pengguna diingatkan.',
  },
  ticket_pending_solve_days: {
    label: 'Tiket tertunda diselesaikan setelah',
    description: 'Waktu tiket menunggu pengguna sebelum dianggap selesai.',
  },
  ticket_close_days: {
    label: 'Tiket selesai ditutup setelah',
    description: 'Waktu setelah tiket selesai hingga ditutup; sebelum itu balasan membukanya kembali.',
  },
  support_contact_link_hours: {
    label: 'Tautan formulir kontak',
    description: 'Berapa lama tautan konfirmasi formulir kontak (tanpa masuk) berlaku.',
  },
};
