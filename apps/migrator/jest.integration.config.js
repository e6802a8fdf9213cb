module.exports = require('../../jest.preset.js').integrationConfig(__dirname, 'migrator', { communityEdition: true });
