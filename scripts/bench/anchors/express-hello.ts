import express from 'express';

// Anchor for reads: the smallest Express 5 JSON answer, the ceiling of any route of the product.
const app = express();
app.get('/', (_req, res) => {
  res.json({ hello: 'world' });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
