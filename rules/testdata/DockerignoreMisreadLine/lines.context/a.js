a.js
